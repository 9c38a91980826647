import { authorize, badInput, canSeeInternalNotes, conflict, forbidden, isUuid, notFound, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Comment } from "../entities/comment.entity";
import { ProjectActor, ProjectAssignee } from "../entities/participants.entity";
import { Project, ProjectPriority } from "../entities/project.entity";
import { appendActivity } from "./activity.service";
import { seesProject } from "./project-access.service";
import { actorsOf, checkTransition, FINAL_STATUSES, LIFECYCLE, Transition } from "../rules/lifecycle";
import { departementsOf } from "../rules/visibility";

export const REASON_MAX = 2000;
export const COMMENT_MAX = 10_000;
export const MAX_ASSIGNEES = 20;

/** Locks a project for a change; NOT_FOUND when absent or invisible to the viewer. */
export async function lockProject(manager: EntityManager, viewer: Viewer, id: string): Promise<Project> {
  if (!isUuid(id)) throw badInput(`"${id.slice(0, 60)}" is not a project id`, "projectId");
  const project = await manager.getRepository(Project).createQueryBuilder("p").setLock("pessimistic_write").where("p.id = :id", { id }).getOne();
  if (!project || !(await seesProject(manager, viewer, project))) throw notFound(`No project ${id}`);
  return project;
}

/** The trimmed reason, null when empty; a required one is never empty (BAD_USER_INPUT). */
function reasonOf(value: string | null | undefined, required: true): string;
function reasonOf(value: string | null | undefined, required: boolean): string | null;
function reasonOf(value: string | null | undefined, required: boolean): string | null {
  const reason = (value ?? "").trim();
  if (required && reason === "") throw badInput("A reason is required", "reason");
  if (reason.length > REASON_MAX) throw badInput(`reason must be at most ${REASON_MAX} characters`, "reason");
  return reason === "" ? null : reason;
}

export interface TransitionData {
  projectId: string;
  transition: Transition;
  reason?: string | null;
  priority?: ProjectPriority | null;
  assignees?: { personId: string; theme?: string | null }[] | null;
}

/** Moves a project through its lifecycle (`LIFECYCLE`), with its activity, in one transaction. */
export async function applyTransition(dataSource: DataSource, viewer: Viewer, input: TransitionData): Promise<Project> {
  authorize(viewer, "project:write");
  const rule = LIFECYCLE[input.transition];
  const reason = reasonOf(input.reason, rule.reason);
  if (input.transition === Transition.QUALIFY && !input.priority) throw badInput("A priority is required to qualify a project", "priority");
  const assignees = input.assignees ?? [];
  if (input.transition === Transition.ASSIGN) {
    if (assignees.length === 0 || assignees.length > MAX_ASSIGNEES) throw badInput(`Assign 1 to ${MAX_ASSIGNEES} agents`, "assignees");
    for (const a of assignees) if (!isUuid(a.personId)) throw badInput(`"${a.personId.slice(0, 60)}" is not a person id`, "assignees");
  }
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, input.projectId);
    const check = checkTransition(viewer, { ownerId: project.ownerId, departements: departementsOf(project), status: project.status }, input.transition);
    if (!check.ok && check.reason === "FORBIDDEN") throw forbidden(`You may not ${input.transition.toLowerCase().replace("_", " ")} this project`);
    if (!check.ok) throw conflict(`A ${project.status} project cannot go through ${input.transition}`);
    const from = project.status;
    project.status = rule.to;
    if (rule.reason) project.statusReason = reason;
    if (input.transition === Transition.SUBMIT) project.submittedAt = new Date();
    // QUALIFY without a priority was refused above.
    if (input.transition === Transition.QUALIFY && input.priority) project.priority = input.priority;
    const saved = await manager.getRepository(Project).save(project);
    if (input.transition === Transition.ASSIGN) {
      await manager.getRepository(ProjectAssignee).upsert(
        assignees.map((a) => ({ projectId: project.id, personId: a.personId, theme: a.theme ?? null, assignedBy: viewer.personId })),
        ["projectId", "personId"],
      );
    }
    await appendActivity(manager, {
      kind: input.transition === Transition.ASSIGN ? ActivityKind.ASSIGNED : ActivityKind.STATUS_CHANGED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Projet « ${project.title} » ${rule.summary}${reason ? ` : ${reason}` : ""}`,
      payload: { from, to: rule.to, transition: input.transition, reason, priority: input.priority ?? null, assignees: input.transition === Transition.ASSIGN ? assignees : undefined },
    });
    return saved;
  });
}

/** Runs `change` on a project the viewer acts on (owner or State), checking its version. */
type ProjectChange = { kind: ActivityKind; summary: string; payload: Record<string, unknown>; internal?: boolean };

async function changeProject(
  dataSource: DataSource,
  viewer: Viewer,
  id: string,
  version: number | null,
  change: (project: Project, manager: EntityManager) => ProjectChange | Promise<ProjectChange>,
): Promise<Project> {
  authorize(viewer, "project:write");
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, id);
    if (actorsOf(viewer, { ownerId: project.ownerId, departements: departementsOf(project) }).length === 0) throw forbidden("Only its collectivité and the State of its département change a project");
    if (version !== null && project.version !== version) throw conflict(`The project was changed by someone else (version ${project.version}, yours ${version}): reload it`);
    if (FINAL_STATUSES.includes(project.status)) throw conflict(`A ${project.status} project can no longer change`);
    const activity = await change(project, manager);
    const saved = await manager.getRepository(Project).save(project);
    await appendActivity(manager, { ...activity, projectId: project.id, actorId: viewer.personId });
    return saved;
  });
}

export function blockProject(dataSource: DataSource, viewer: Viewer, id: string, reasonText: string): Promise<Project> {
  const reason = reasonOf(reasonText, true);
  return changeProject(dataSource, viewer, id, null, (project) => {
    project.blockedReason = reason;
    return { kind: ActivityKind.BLOCKED, summary: `Projet « ${project.title} » bloqué : ${reason}`, payload: { reason } };
  });
}

export function unblockProject(dataSource: DataSource, viewer: Viewer, id: string): Promise<Project> {
  return changeProject(dataSource, viewer, id, null, (project) => {
    if (project.blockedReason === null) throw conflict("The project is not blocked");
    project.blockedReason = null;
    return { kind: ActivityKind.UNBLOCKED, summary: `Projet « ${project.title} » débloqué`, payload: {} };
  });
}

export { changeProject };

/** Adds a message (or, for the State, an internal note) to a project's conversation. */
export async function addComment(dataSource: DataSource, viewer: Viewer, input: { projectId: string; body: string; internal?: boolean | null }): Promise<Comment> {
  authorize(viewer, "project:comment");
  const body = input.body.trim();
  if (body === "" || body.length > COMMENT_MAX) throw badInput(`body must be 1 to ${COMMENT_MAX} characters`, "body");
  const internal = input.internal === true;
  if (internal && !canSeeInternalNotes(viewer)) throw forbidden("Only State agents write internal notes");
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, input.projectId);
    const repository = manager.getRepository(Comment);
    const comment = await repository.save(repository.create({ projectId: project.id, authorId: viewer.personId, body, internal }));
    await appendActivity(manager, {
      kind: ActivityKind.COMMENT_ADDED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: internal ? `Note interne sur « ${project.title} »` : `Nouveau message sur « ${project.title} »`,
      payload: { commentId: comment.id, internal },
      internal,
    });
    return comment;
  });
}

/** Associates an organisation (expert, operator) with a project: the State or its collectivité. */
export function associateOrganization(dataSource: DataSource, viewer: Viewer, projectId: string, organizationId: string): Promise<Project> {
  if (!/^[A-Z_]+:[A-Za-z0-9_-]{1,40}$/.test(organizationId)) throw badInput(`"${organizationId.slice(0, 60)}" is not an organisation id`, "organizationId");
  return changeProject(dataSource, viewer, projectId, null, async (project, manager) => {
    await manager.getRepository(ProjectActor).createQueryBuilder().insert().values({ projectId: project.id, organizationId, addedBy: viewer.personId }).orIgnore().execute();
    return { kind: ActivityKind.ACTOR_ADDED, summary: `${organizationId} associé au projet « ${project.title} »`, payload: { organizationId } };
  });
}
