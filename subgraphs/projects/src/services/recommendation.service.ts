import { authorize, badInput, conflict, forbidden, isUuid, notFound, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { Activity, ActivityKind } from "../entities/activity.entity";
import { ProjectActor } from "../entities/participants.entity";
import { ProjectPriority, type Project } from "../entities/project.entity";
import { Recommendation, RecommendationFollowUp, RecommendationStatus, RecommendationVisibility } from "../entities/recommendation.entity";
import { FINAL_STATUSES } from "../rules/lifecycle";
import { canEditRecommendation, canFollowUp, canSeeRecommendation, isRecommender } from "../rules/recommendation";
import { factsOf, type ProjectFacts } from "../rules/visibility";
import type { RecommendationChangesInput, RecommendInput } from "../types/recommendation.types";
import { appendActivity } from "./activity.service";
import { lockProject } from "./project-workflow.service";

export const RECOMMENDATION_TEXT_MAX = 5000;

/** French words for statuses, in the journal and e-mails. */
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  PROPOSED: "proposée",
  IN_PROGRESS: "en cours",
  BLOCKED: "bloquée",
  DONE: "terminée",
  NOT_INTERESTED: "pas intéressé",
  ALREADY_DONE: "déjà fait",
};

function text(value: string | null | undefined, field: string, max: number, required = false): string {
  const trimmed = (value ?? "").trim();
  if (required && trimmed === "") throw badInput(`${field} is required`, field);
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max.toLocaleString("en")} characters`, field);
  return trimmed;
}

function optionalUuid(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (!isUuid(value)) throw badInput(`"${value.slice(0, 60)}" is not a ${field === "resourceId" ? "resource" : "contact"} id`, field);
  return value.toLowerCase();
}

function deadlineOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw badInput("deadline must be a date, YYYY-MM-DD", "deadline");
  return value;
}

/** The facts of a locked project, its actors read in the same transaction. */
async function factsIn(manager: EntityManager, project: Project): Promise<ProjectFacts> {
  const actors = await manager.getRepository(ProjectActor).findBy({ projectId: project.id });
  return factsOf(
    project,
    actors.map((a) => a.organizationId),
  );
}

/** Recommends a resource or free advice to a project (the State of its départements, ANCT, an associated expert). */
export async function recommend(dataSource: DataSource, viewer: Viewer, input: RecommendInput): Promise<Recommendation> {
  authorize(viewer, "recommendation:write");
  const title = text(input.title, "title", 200, true);
  const why = text(input.why, "why", RECOMMENDATION_TEXT_MAX);
  const whatToDo = text(input.whatToDo, "whatToDo", RECOMMENDATION_TEXT_MAX);
  const contactText = text(input.contactText, "contactText", 500) || null;
  const resourceId = optionalUuid(input.resourceId, "resourceId");
  const contactId = optionalUuid(input.contactId, "contactId");
  const deadline = deadlineOf(input.deadline);
  const published = input.publish === true;
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, input.projectId);
    if (!isRecommender(viewer, await factsIn(manager, project))) throw forbidden("Only the State of its département and the experts associated with it recommend to a project");
    if (FINAL_STATUSES.includes(project.status)) throw conflict(`A ${project.status} project takes no more recommendations`);
    let blockActivityId: string | null = null;
    if (input.forBlock === true) {
      if (project.blockedReason === null) throw conflict("The project is not blocked: there is no block to answer");
      const block = await manager.getRepository(Activity).findOne({ where: { projectId: project.id, kind: ActivityKind.BLOCKED }, order: { id: "DESC" } });
      // blockProject writes the reason and its BLOCKED activity together.
      if (!block) throw new Error(`project ${project.id} is blocked without a BLOCKED activity`);
      blockActivityId = block.id;
    }
    const repository = manager.getRepository(Recommendation);
    const recommendation = await repository.save(
      repository.create({
        projectId: project.id,
        resourceId,
        contactId,
        contactText,
        title,
        why,
        whatToDo,
        deadline,
        priority: input.priority ?? ProjectPriority.NORMAL,
        visibility: published ? RecommendationVisibility.PUBLISHED : RecommendationVisibility.DRAFT,
        publishedAt: published ? new Date() : null,
        blockActivityId,
        authorId: viewer.personId,
        authorOrganizationId: viewer.organizationId,
      }),
    );
    await appendActivity(manager, {
      kind: ActivityKind.RECOMMENDATION_CREATED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: published ? `Recommandation « ${title} » adressée à la collectivité` : `Recommandation « ${title} » préparée (brouillon)`,
      payload: { recommendationId: recommendation.id, title, status: recommendation.status, visibility: recommendation.visibility, resourceId, blockActivityId },
      // A draft is for the State side: its activity is kept from the collectivité like an internal note.
      internal: !published,
    });
    return recommendation;
  });
}

/** A recommendation and its locked project, if the viewer sees both; NOT_FOUND otherwise. */
async function lockRecommendation(manager: EntityManager, viewer: Viewer, id: string): Promise<{ recommendation: Recommendation; project: Project; facts: ProjectFacts }> {
  const found = isUuid(id) ? await manager.getRepository(Recommendation).findOneBy({ id }) : null;
  if (!found) throw notFound(`No recommendation ${id.slice(0, 60)}`);
  const project = await lockProject(manager, viewer, found.projectId).catch(() => {
    throw notFound(`No recommendation ${id}`);
  });
  // Read again under the project's lock: changes to a recommendation lock its project first.
  const recommendation = await manager.getRepository(Recommendation).findOneByOrFail({ id: found.id });
  const facts = await factsIn(manager, project);
  if (!canSeeRecommendation(viewer, facts, recommendation)) throw notFound(`No recommendation ${id}`);
  return { recommendation, project, facts };
}

/** Shows a draft to the collectivité (the State side). */
export async function publishRecommendation(dataSource: DataSource, viewer: Viewer, id: string): Promise<Recommendation> {
  authorize(viewer, "recommendation:write");
  return dataSource.transaction(async (manager) => {
    const { recommendation, project, facts } = await lockRecommendation(manager, viewer, id);
    if (!isRecommender(viewer, facts)) throw forbidden("Only the State side publishes a recommendation");
    if (recommendation.visibility === RecommendationVisibility.PUBLISHED) throw conflict("The recommendation is already published");
    recommendation.visibility = RecommendationVisibility.PUBLISHED;
    recommendation.publishedAt = new Date();
    recommendation.updatedAt = new Date();
    const saved = await manager.getRepository(Recommendation).save(recommendation);
    await appendActivity(manager, {
      kind: ActivityKind.RECOMMENDATION_PUBLISHED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Recommandation « ${recommendation.title} » adressée à la collectivité`,
      payload: { recommendationId: recommendation.id, title: recommendation.title, status: recommendation.status, visibility: recommendation.visibility },
    });
    return saved;
  });
}

/** The collectivité (or the State side) answers: a comment and the status it sets. */
export async function followUpRecommendation(dataSource: DataSource, viewer: Viewer, input: { id: string; status: RecommendationStatus; comment?: string | null }): Promise<Recommendation> {
  authorize(viewer, "project:comment");
  const comment = text(input.comment, "comment", RECOMMENDATION_TEXT_MAX);
  return dataSource.transaction(async (manager) => {
    const { recommendation, project, facts } = await lockRecommendation(manager, viewer, input.id);
    if (!canFollowUp(viewer, facts)) throw forbidden("Only the project's collectivité and the State side follow a recommendation up");
    if (recommendation.visibility !== RecommendationVisibility.PUBLISHED) throw conflict("A draft is followed up once published");
    if (FINAL_STATUSES.includes(project.status)) throw conflict(`A ${project.status} project can no longer change`);
    const from = recommendation.status;
    await manager.getRepository(RecommendationFollowUp).insert({ recommendationId: recommendation.id, authorId: viewer.personId, comment, status: input.status });
    recommendation.status = input.status;
    recommendation.updatedAt = new Date();
    const saved = await manager.getRepository(Recommendation).save(recommendation);
    await appendActivity(manager, {
      kind: ActivityKind.RECOMMENDATION_FOLLOWED_UP,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Recommandation « ${recommendation.title} » : ${RECOMMENDATION_STATUS_LABELS[input.status]}${comment ? ` (${comment.length > 80 ? `${comment.slice(0, 79)}…` : comment})` : ""}`,
      payload: { recommendationId: recommendation.id, title: recommendation.title, from, status: input.status, visibility: recommendation.visibility },
    });
    return saved;
  });
}

/** The viewer has read the recommendation: its first read is kept (who, when) and journaled once. */
export async function markRecommendationRead(dataSource: DataSource, viewer: Viewer, id: string): Promise<Recommendation> {
  authorize(viewer, "project:read");
  const personId = viewer.personId;
  if (!personId) throw forbidden("Only a person reads a recommendation");
  return dataSource.transaction(async (manager) => {
    const { recommendation, project } = await lockRecommendation(manager, viewer, id);
    const inserted = await manager.query<{ person_id: string }[]>(`INSERT INTO recommendation_read (recommendation_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING person_id`, [
      recommendation.id,
      personId,
    ]);
    if (inserted.length > 0) {
      await appendActivity(manager, {
        kind: ActivityKind.RECOMMENDATION_READ,
        projectId: project.id,
        actorId: personId,
        summary: `Recommandation « ${recommendation.title} » lue`,
        payload: { recommendationId: recommendation.id, title: recommendation.title, status: recommendation.status, visibility: recommendation.visibility },
        internal: recommendation.visibility === RecommendationVisibility.DRAFT,
      });
    }
    return recommendation;
  });
}

/** The validated changes of an edit, named as in the input; only the fields given. */
function changesOf(input: RecommendationChangesInput): Partial<Pick<Recommendation, "title" | "why" | "whatToDo" | "resourceId" | "contactId" | "contactText" | "deadline" | "priority">> {
  const changes: ReturnType<typeof changesOf> = {};
  if (input.title !== undefined && input.title !== null) changes.title = text(input.title, "title", 200, true);
  if (input.why !== undefined) changes.why = text(input.why, "why", RECOMMENDATION_TEXT_MAX);
  if (input.whatToDo !== undefined) changes.whatToDo = text(input.whatToDo, "whatToDo", RECOMMENDATION_TEXT_MAX);
  if (input.resourceId !== undefined) changes.resourceId = optionalUuid(input.resourceId, "resourceId");
  if (input.contactId !== undefined) changes.contactId = optionalUuid(input.contactId, "contactId");
  if (input.contactText !== undefined) changes.contactText = text(input.contactText, "contactText", 500) || null;
  if (input.deadline !== undefined) changes.deadline = deadlineOf(input.deadline);
  if (input.priority !== undefined && input.priority !== null) changes.priority = input.priority;
  return changes;
}

/** A recommendation the viewer edits or deletes: its author or the State side, on a project still running. */
async function lockEditable(manager: EntityManager, viewer: Viewer, id: string): Promise<{ recommendation: Recommendation; project: Project }> {
  const { recommendation, project, facts } = await lockRecommendation(manager, viewer, id);
  if (!canEditRecommendation(viewer, facts, recommendation)) throw forbidden("Only its author and the State side of the project change a recommendation");
  if (FINAL_STATUSES.includes(project.status)) throw conflict(`A ${project.status} project can no longer change`);
  return { recommendation, project };
}

/** Edits a recommendation (its author or the State side), checking the version the editor read. */
export async function updateRecommendation(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: RecommendationChangesInput): Promise<Recommendation> {
  authorize(viewer, "recommendation:write");
  const changes = changesOf(input);
  return dataSource.transaction(async (manager) => {
    const { recommendation, project } = await lockEditable(manager, viewer, id);
    if (recommendation.version !== version) throw conflict(`The recommendation was changed by someone else (version ${recommendation.version}, yours ${version}): reload it`);
    const fields = (Object.keys(changes) as (keyof typeof changes)[]).filter((key) => changes[key] !== recommendation[key]);
    if (fields.length === 0) throw badInput("Nothing to change", "input");
    Object.assign(recommendation, changes);
    recommendation.updatedAt = new Date();
    const saved = await manager.getRepository(Recommendation).save(recommendation);
    await appendActivity(manager, {
      kind: ActivityKind.RECOMMENDATION_UPDATED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Recommandation « ${recommendation.title} » modifiée`,
      payload: { recommendationId: recommendation.id, title: recommendation.title, status: recommendation.status, visibility: recommendation.visibility, fields },
      internal: recommendation.visibility === RecommendationVisibility.DRAFT,
    });
    return saved;
  });
}

/**
 * Deletes a recommendation (its author or the State side): a soft delete, so that its follow-ups,
 * read receipts and journal stay (the journal tells what was recommended and answered); it leaves
 * every list, `recommendation(id)` (NOT_FOUND) and reminders. Returns its project.
 */
export async function deleteRecommendation(dataSource: DataSource, viewer: Viewer, id: string): Promise<Project> {
  authorize(viewer, "recommendation:write");
  return dataSource.transaction(async (manager) => {
    const { recommendation, project } = await lockEditable(manager, viewer, id);
    await manager.getRepository(Recommendation).softDelete({ id: recommendation.id });
    await appendActivity(manager, {
      kind: ActivityKind.RECOMMENDATION_DELETED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Recommandation « ${recommendation.title} » supprimée`,
      payload: { recommendationId: recommendation.id, title: recommendation.title, status: recommendation.status, visibility: recommendation.visibility },
      internal: recommendation.visibility === RecommendationVisibility.DRAFT,
    });
    return project;
  });
}
