import { can, canSeeInternalNotes, canSeeProject, hasRole, isUuid, notFound, type ProjectFacts, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { ProjectActor } from "../entities/participants.entity";
import { Project as ProjectEntity } from "../entities/project.entity";
import type { Loaders } from "../loaders";
import type { Project } from "../entities/project.entity";

/** The département codes of a project, from its territory ancestry. */
export function departementsOf(project: Pick<Project, "territoryIds">): string[] {
  return project.territoryIds.filter((id) => id.startsWith("DEPARTEMENT:")).map((id) => id.slice("DEPARTEMENT:".length));
}

export function factsOf(project: Project, actorOrganizations: string[]): ProjectFacts {
  return { ownerId: project.ownerId, status: project.status, departements: departementsOf(project), actorOrganizations };
}

/** A project the viewer may see, or null: an invisible project is indistinguishable from none. */
export async function visibleProject(loaders: Loaders, viewer: Viewer, id: string): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const [project, actors] = await Promise.all([loaders.project.load(id), loaders.actors.load(id)]);
  if (!project) return null;
  return canSeeProject(viewer, factsOf(project, actors.map((a) => a.organizationId))) ? project : null;
}

/**
 * The same rule as the kit's `canSeeProject`, as SQL on the project table aliased `p`, for
 * lists: pushes its parameters to `params` and returns the condition. `test/visibility.test.ts`
 * checks on generated viewers and projects that both give the same answer.
 */
export function visibilityCondition(viewer: Viewer, params: unknown[], alias = "p"): string {
  // Callers authorize first; checked here too so that the SQL is the whole rule (a programme without the scope sees nothing).
  if (!can(viewer, "project:read")) return "false";
  if (hasRole(viewer, "SERVICE")) return "true";
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const mine =
    viewer.organizationId === null
      ? "false"
      : `(${alias}.owner_id = ${next(viewer.organizationId)} OR EXISTS (SELECT 1 FROM project_actor a WHERE a.project_id = ${alias}.id AND a.organization_id = ${next(viewer.organizationId)}))`;
  let submitted = "false";
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "PROGRAMME")) submitted = "true";
  else if (hasRole(viewer, "STATE_AGENT")) submitted = `${alias}.territory_ids && ${next(viewer.departements.map((d) => `DEPARTEMENT:${d}`))}::text[]`;
  return `(${mine} OR (${alias}.status <> 'DRAFT' AND ${submitted}))`;
}

/** Activities about internal notes are hidden from those who may not read them. */
export function internalCondition(viewer: Viewer, alias = "a"): string {
  return canSeeInternalNotes(viewer) ? "true" : `NOT ${alias}.internal`;
}

/** The project if the viewer sees it, read outside a request's loaders; NOT_FOUND otherwise, as for a missing one. */
export async function requireVisibleProject(dataSource: DataSource, viewer: Viewer, projectId: string): Promise<Project> {
  const project = isUuid(projectId) ? await dataSource.getRepository(ProjectEntity).findOneBy({ id: projectId }) : null;
  const actors = project ? await dataSource.getRepository(ProjectActor).findBy({ projectId }) : [];
  if (!project || !canSeeProject(viewer, factsOf(project, actors.map((a) => a.organizationId)))) throw notFound(`No project ${projectId.slice(0, 60)}`);
  return project;
}
