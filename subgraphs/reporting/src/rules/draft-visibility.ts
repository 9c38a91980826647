import { can, hasRole, type Viewer } from "@hub/kit";

/**
 * Whose drafts a viewer may count: the projects subgraph's rule (`canSeeProject`) restricted to
 * drafts, mirrored here because reporting owns its counts. A draft is its collectivité's own,
 * and that of the organisations associated with it, until it is submitted; the journal's reader
 * (SERVICE) sees all. Everyone else counts no draft, so national and State figures never
 * reveal one.
 */
export type DraftScope = { kind: "none" } | { kind: "all" } | { kind: "organization"; organizationId: string };

export function draftScope(viewer: Viewer): DraftScope {
  if (!can(viewer, "project:read")) return { kind: "none" };
  if (hasRole(viewer, "SERVICE")) return { kind: "all" };
  if (viewer.organizationId !== null) return { kind: "organization", organizationId: viewer.organizationId };
  return { kind: "none" };
}

/** Whether a draft with this owner and these associated organisations is counted for the scope. */
export function countsDraft(scope: DraftScope, fact: { ownerId: string; actorOrganizationIds: string[] }): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "none") return false;
  return fact.ownerId === scope.organizationId || fact.actorOrganizationIds.includes(scope.organizationId);
}

/** `countsDraft` as SQL on project_fact aliased `f`: pushes its parameters to `params`. */
export function draftCondition(scope: DraftScope, params: unknown[], alias = "f"): string {
  if (scope.kind === "all") return "true";
  if (scope.kind === "none") return "false";
  params.push(scope.organizationId);
  const p = `$${params.length}`;
  return `(${alias}.owner_id = ${p} OR ${alias}.actor_organization_ids @> ARRAY[${p}::text])`;
}
