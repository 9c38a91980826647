import { forbidden, unauthenticated } from "./errors";
import { hasRole, isAuthenticated, type Role, type Viewer } from "./viewer";

/**
 * Who may do what, written once as data and used by every subgraph on the viewer of the
 * gateway's internal token. Scoped rules (which persons, which projects) are the small
 * functions below; each subgraph applies them to the rows it owns.
 */
export const POLICY = {
  /** Reference data: everyone, signed in or not. */
  "territory:read": "public",
  "organization:read": "public",
  /** People: see `canSeePerson` for which ones. */
  "person:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "SERVICE"],
  "person:invite": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL"],
  "person:suspend": ["ANCT_NATIONAL"],
  /** Every account, pending and suspended ones included (the administration's list of people). */
  "person:administer": ["ANCT_NATIONAL"],
  "apikey:manage": ["ANCT_NATIONAL"],
  "identity:resolve": ["SERVICE"],
  /** Projects (issue-level rules on rows live in the projects subgraph). */
  "project:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  "project:create": ["COLLECTIVITE_AGENT"],
  /** Changes to a project (who acts on which one: the projects subgraph's lifecycle). */
  "project:write": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL"],
  "project:comment": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT"],
  /** Recommending a resource or free advice to a project (which projects: the projects subgraph's rules/recommendation.ts). */
  "recommendation:write": ["STATE_AGENT", "ANCT_NATIONAL", "EXPERT"],
  /** Writing the état des lieux questionnaires of themes (a new version each time; answering one is editing the project: `project:write`). */
  "questionnaire:write": ["ANCT_NATIONAL"],
  /** Setting the weeks before "Où en êtes-vous ?" reminders, and flagging a project inactive by hand (the State of its département, ANCT). */
  "reminder:configure": ["STATE_AGENT", "ANCT_NATIONAL"],
  /** The board of a territory's projects by status. */
  "project:board": ["STATE_AGENT", "ANCT_NATIONAL"],
  /** Bulk import of existing portfolios (`importProjects`, `npm run import`): national bodies and programmes' keys with `projects:import`. */
  "project:import": ["ANCT_NATIONAL", "PROGRAMME", "SERVICE"],
  /** Other subgraphs record their events in the journal. */
  "journal:record": ["SERVICE"],
  "stats:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  /** Rebuilding reporting's read model from zero. */
  "stats:rebuild": ["ANCT_NATIONAL"],
  "funding:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  /** The library of engineering resources and its contact book (funding): reading what is published. */
  "resource:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  /** Writing sheets and contacts (which ones: the funding subgraph's rules/library-writers.ts). */
  "resource:write": ["STATE_AGENT", "ANCT_NATIONAL", "EXPERT"],
  /** Importing Aides-Territoires' engineering aids into the library. */
  "resource:import": ["ANCT_NATIONAL", "SERVICE"],
  /** Writing the projects one may read into a Grist document (reporting's syncToGrist): ANCT, and programmes with the grist:sync scope. */
  "grist:sync": ["ANCT_NATIONAL", "PROGRAMME"],
} as const satisfies Record<string, "public" | readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Scopes an API key may carry, and the action each one grants. */
export const API_SCOPES: Record<string, Action[]> = {
  "projects:read": ["project:read", "funding:read", "resource:read"],
  "stats:read": ["stats:read"],
  "projects:import": ["project:import"],
  "grist:sync": ["grist:sync"],
};

export function can(viewer: Viewer, action: Action): boolean {
  const rule: "public" | readonly Role[] = POLICY[action];
  if (rule === "public") return true;
  if (hasRole(viewer, "PROGRAMME")) {
    return rule.includes("PROGRAMME") && viewer.scopes.some((scope) => Object.hasOwn(API_SCOPES, scope) && API_SCOPES[scope].includes(action));
  }
  return viewer.roles.some((role) => rule.includes(role));
}

/** Throws UNAUTHENTICATED for an anonymous caller, FORBIDDEN for one without the right. */
export function authorize(viewer: Viewer, action: Action): void {
  if (can(viewer, action)) return;
  if (!isAuthenticated(viewer)) throw unauthenticated();
  throw forbidden(`Not allowed: ${action}`);
}

/** Whether the viewer's reads of projects are limited (a programme's API key limited to programmes or territories). */
export function hasKeyLimits(viewer: Viewer): boolean {
  return viewer.programmes.length > 0 || viewer.territories.length > 0;
}

/**
 * A programme's key limited to programmes and/or territories sees, among the projects it could
 * otherwise see, only those of one of its programmes and in one of its territories (each
 * limit applies when set). Applied to every read of projects and of their figures, in the
 * subgraph that owns them: projects (lists, fiche, journal, live events) and reporting
 * (portfolio, statistics, exports, Grist).
 */
export function withinKeyLimits(viewer: Viewer, project: { programmes: readonly string[]; territoryIds: readonly string[] }): boolean {
  if (viewer.programmes.length > 0 && !project.programmes.some((p) => viewer.programmes.includes(p))) return false;
  if (viewer.territories.length > 0 && !project.territoryIds.some((t) => viewer.territories.includes(t))) return false;
  return true;
}

/**
 * `withinKeyLimits` as SQL on a table aliased `alias` with the columns `programmes` and
 * `territory_ids` (projects' `project`, reporting's `project_fact`); pushes its parameters to `params`.
 */
export function keyLimitsCondition(viewer: Viewer, params: unknown[], alias: string): string {
  const conditions: string[] = [];
  if (viewer.programmes.length > 0) {
    params.push(viewer.programmes);
    conditions.push(`${alias}.programmes && $${params.length}::text[]`);
  }
  if (viewer.territories.length > 0) {
    params.push(viewer.territories);
    conditions.push(`${alias}.territory_ids && $${params.length}::text[]`);
  }
  return conditions.length === 0 ? "true" : `(${conditions.join(" AND ")})`;
}

/** Names and emails: hidden from analysts and programmes (national reads without personal data). */
export function canSeePersonalData(viewer: Viewer): boolean {
  return hasRole(viewer, "COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "SERVICE");
}

/** Whether a viewer acts for an organisation (its members, and national bodies). */
export function actsFor(viewer: Viewer, organizationId: string): boolean {
  return viewer.organizationId === organizationId || hasRole(viewer, "ANCT_NATIONAL");
}

/** Internal notes of a project's conversation: the State's agents only. */
export function canSeeInternalNotes(viewer: Viewer): boolean {
  return hasRole(viewer, "STATE_AGENT", "ANCT_NATIONAL", "SERVICE");
}
