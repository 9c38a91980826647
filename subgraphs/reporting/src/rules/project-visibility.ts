import { can, hasRole, keyLimitsCondition, type Viewer } from "@hub/kit";

/**
 * Which projects' facts a viewer may read: the projects subgraph's rule (`canSeeProject` in
 * subgraphs/projects/src/rules/visibility.ts), as SQL on `project_fact`. Its collectivité's
 * projects, drafts included, and those its organisation is associated with; once submitted,
 * the State agents of its départements, national bodies, analysts and programmes with the
 * projects:read scope; the journal's reader (SERVICE) sees all. The one rule of reporting:
 * the exports and Grist read the facts it allows, and the portfolio counts the drafts it
 * allows (so national and State figures never reveal a draft). A programme's key limited to
 * programmes or territories reads only the facts within them (`keyLimitsCondition`), figures
 * included: see `factsInLimits`.
 */

/** Whether the viewer may see some drafts (its own organisation's, or all): false skips reading them. */
export function seesDrafts(viewer: Viewer): boolean {
  return can(viewer, "project:read") && (hasRole(viewer, "SERVICE") || viewer.organizationId !== null);
}

/** Pushes `value` to `params`: its placeholder. */
function placeholder(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/** The projects of the viewer's organisation (owner or associated), as SQL on `alias`. */
function ownCondition(viewer: Viewer, params: unknown[], alias: string): string {
  if (viewer.organizationId === null) return "false";
  const organization = placeholder(params, viewer.organizationId);
  return `(${alias}.owner_id = ${organization} OR ${alias}.actor_organization_ids @> ARRAY[${organization}]::text[])`;
}

/**
 * The drafts the viewer may read, as SQL on `alias`, to stand beside `status = 'DRAFT'`: its
 * organisation's (within its key's limits), all for SERVICE. Only index conditions (the partial
 * indexes on drafts' owner and associated organisations): a national portfolio, whose territory
 * holds every fact, reads the viewer's few drafts, not all the drafts of France.
 */
export function visibleDraftsCondition(viewer: Viewer, params: unknown[], alias = "f"): string {
  if (!can(viewer, "project:read")) return "false";
  if (hasRole(viewer, "SERVICE")) return "true";
  const mine = ownCondition(viewer, params, alias);
  return `(${keyLimitsCondition(viewer, params, alias)} AND ${mine})`;
}

/** The rule as SQL on project_fact aliased `alias`: pushes its parameters to `params`. */
export function visibleFactsCondition(viewer: Viewer, params: unknown[], alias = "f"): string {
  if (!can(viewer, "project:read")) return "false";
  if (hasRole(viewer, "SERVICE")) return "true";
  const mine = ownCondition(viewer, params, alias);
  let submitted = "false";
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "PROGRAMME")) submitted = "true";
  else if (hasRole(viewer, "STATE_AGENT"))
    submitted = `${alias}.territory_ids && ${placeholder(
      params,
      viewer.departements.map((d) => `DEPARTEMENT:${d}`),
    )}::text[]`;
  return `(${keyLimitsCondition(viewer, params, alias)} AND (${mine} OR (${alias}.status <> 'DRAFT' AND ${submitted})))`;
}

/**
 * The facts a viewer's figures may count, whatever their status (drafts are decided by
 * `visibleFactsCondition` on top): all of them, or for a key limited to programmes or
 * territories, those within its limits. As SQL on `alias`; pushes its parameters to `params`.
 */
export function factsInLimits(viewer: Viewer, params: unknown[], alias = "f"): string {
  return hasRole(viewer, "SERVICE") ? "true" : keyLimitsCondition(viewer, params, alias);
}
