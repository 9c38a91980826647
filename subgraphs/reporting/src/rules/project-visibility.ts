import { can, hasRole, type Viewer } from "@hub/kit";

/**
 * Which projects' facts a viewer may read row by row (exports, Grist): the projects subgraph's
 * rule (`canSeeProject` in subgraphs/projects/src/rules/visibility.ts), as SQL on
 * `project_fact`. Its collectivité's projects, drafts included, and those its organisation is
 * associated with; once submitted, the State agents of its départements, national bodies,
 * analysts and programmes with the projects:read scope. Pushes its parameters to `params`.
 */
export function visibleFactsCondition(viewer: Viewer, params: unknown[], alias = "f"): string {
  if (!can(viewer, "project:read")) return "false";
  if (hasRole(viewer, "SERVICE")) return "true";
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let mine = "false";
  if (viewer.organizationId !== null) {
    const organization = next(viewer.organizationId);
    mine = `(${alias}.owner_id = ${organization} OR ${alias}.actor_organization_ids @> ARRAY[${organization}]::text[])`;
  }
  let submitted = "false";
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "PROGRAMME")) submitted = "true";
  else if (hasRole(viewer, "STATE_AGENT")) submitted = `${alias}.territory_ids && ${next(viewer.departements.map((d) => `DEPARTEMENT:${d}`))}::text[]`;
  return `(${mine} OR (${alias}.status <> 'DRAFT' AND ${submitted}))`;
}
