import { can, canSeeInternalNotes, hasRole, keyLimitsCondition, withinKeyLimits, type Viewer } from "@hub/kit";

/**
 * Who sees which project, written twice on purpose and kept side by side: as a predicate on one
 * loaded project (`canSeeProject`, for single reads and live events) and as SQL for lists
 * (`visibilityCondition`, so that paging and counts happen in PostgreSQL). `test/visibility.test.ts`
 * checks on generated viewers and projects that both give the same answer.
 */

/** What decides whether a project is visible. */
export interface ProjectFacts {
  ownerId: string;
  status: string;
  /** Département codes it is in. */
  departements: string[];
  /** Organisations associated with it (experts, operators). */
  actorOrganizations: string[];
  /** Its programmes and every territory it is in (for API keys limited to some: `withinKeyLimits`). */
  programmes: string[];
  territoryIds: string[];
}

/**
 * Which projects a viewer sees: its collectivité's (drafts included) and those its organisation
 * is associated with; once submitted, the State agents of its département, national bodies,
 * analysts and programmes with the projects:read scope, a programme whose key is limited to
 * programmes or territories only within them. The journal's reader sees all.
 */
export function canSeeProject(viewer: Viewer, project: ProjectFacts): boolean {
  if (!can(viewer, "project:read")) return false;
  if (hasRole(viewer, "SERVICE")) return true;
  if (!withinKeyLimits(viewer, project)) return false;
  if (viewer.organizationId !== null && (viewer.organizationId === project.ownerId || project.actorOrganizations.includes(viewer.organizationId))) return true;
  if (project.status === "DRAFT") return false;
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "PROGRAMME")) return true;
  return hasRole(viewer, "STATE_AGENT") && project.departements.some((d) => viewer.departements.includes(d));
}

/** The département codes of a project, from its territory ancestry. */
export function departementsOf(project: { territoryIds: readonly string[] }): string[] {
  return project.territoryIds.filter((id) => id.startsWith("DEPARTEMENT:")).map((id) => id.slice("DEPARTEMENT:".length));
}

export function factsOf(project: Pick<ProjectFacts, "ownerId" | "status" | "territoryIds" | "programmes">, actorOrganizations: string[]): ProjectFacts {
  return { ownerId: project.ownerId, status: project.status, departements: departementsOf(project), actorOrganizations, programmes: project.programmes, territoryIds: project.territoryIds };
}

/**
 * `canSeeProject` as SQL on the project table aliased `p`, for lists: pushes its parameters to
 * `params` and returns the condition.
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
  return `(${keyLimitsCondition(viewer, params, alias)} AND (${mine} OR (${alias}.status <> 'DRAFT' AND ${submitted})))`;
}

/** Activities about internal notes are hidden from those who may not read them. */
export function internalCondition(viewer: Viewer, alias = "a"): string {
  return canSeeInternalNotes(viewer) ? "true" : `NOT ${alias}.internal`;
}
