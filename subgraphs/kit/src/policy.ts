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
  "apikey:manage": ["ANCT_NATIONAL"],
  "identity:resolve": ["SERVICE"],
  /** Projects (issue-level rules on rows live in the projects subgraph). */
  "project:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  "project:create": ["COLLECTIVITE_AGENT"],
  "stats:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
  "funding:read": ["COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "ANALYST", "PROGRAMME", "SERVICE"],
} as const satisfies Record<string, "public" | readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Scopes an API key may carry, and the action each one grants. */
export const API_SCOPES: Record<string, Action[]> = {
  "projects:read": ["project:read", "funding:read"],
  "stats:read": ["stats:read"],
};

export function can(viewer: Viewer, action: Action): boolean {
  const rule: "public" | readonly Role[] = POLICY[action];
  if (rule === "public") return true;
  if (hasRole(viewer, "PROGRAMME")) {
    return rule.includes("PROGRAMME") && viewer.scopes.some((scope) => API_SCOPES[scope]?.includes(action));
  }
  return viewer.roles.some((role) => rule.includes(role));
}

/** Throws UNAUTHENTICATED for an anonymous caller, FORBIDDEN for one without the right. */
export function authorize(viewer: Viewer, action: Action): void {
  if (can(viewer, action)) return;
  if (!isAuthenticated(viewer)) throw unauthenticated();
  throw forbidden(`Not allowed: ${action}`);
}

/** Names and emails: hidden from analysts and programmes (national reads without personal data). */
export function canSeePersonalData(viewer: Viewer): boolean {
  return hasRole(viewer, "COLLECTIVITE_AGENT", "STATE_AGENT", "ANCT_NATIONAL", "EXPERT", "SERVICE");
}

/** What decides whether a person is visible: their organisations, and where those are. */
export interface PersonPlacement {
  personId: string;
  memberships: { organizationId: string; departement: string | null }[];
}

/**
 * Which persons a viewer sees: themselves; the members of their own organisation; for a
 * State agent, the members of organisations of their département(s); everyone for national
 * roles (analysts without personal data).
 */
export function canSeePerson(viewer: Viewer, person: PersonPlacement): boolean {
  if (!can(viewer, "person:read")) return false;
  if (viewer.personId === person.personId) return true;
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "SERVICE")) return true;
  if (person.memberships.some((m) => m.organizationId === viewer.organizationId)) return true;
  if (hasRole(viewer, "STATE_AGENT")) return person.memberships.some((m) => m.departement !== null && viewer.departements.includes(m.departement));
  return false;
}

/** Whether a viewer acts for an organisation (its members, and national bodies). */
export function actsFor(viewer: Viewer, organizationId: string): boolean {
  return viewer.organizationId === organizationId || hasRole(viewer, "ANCT_NATIONAL");
}
