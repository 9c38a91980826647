import { can, hasRole, type Viewer } from "@hub/kit";

/** What decides whether a person is visible: their organisations, and where those are. */
export interface PersonPlacement {
  personId: string;
  memberships: { organizationId: string; organizationKind: string; departement: string | null }[];
}

/** Organisation kinds of the local State. */
const STATE_KINDS = ["PREFECTURE", "SOUS_PREFECTURE", "DDT", "ANCT"];

/**
 * Which persons a viewer sees: themselves; the members of their own organisation; for a
 * State agent, the members of organisations of their département(s); for a collectivité
 * agent, the State's agents of its département(s) (those who follow its projects); everyone
 * for national roles (analysts without personal data).
 */
export function canSeePerson(viewer: Viewer, person: PersonPlacement): boolean {
  if (!can(viewer, "person:read")) return false;
  if (viewer.personId === person.personId) return true;
  if (hasRole(viewer, "ANCT_NATIONAL", "ANALYST", "SERVICE")) return true;
  if (person.memberships.some((m) => m.organizationId === viewer.organizationId)) return true;
  const inScope = (m: PersonPlacement["memberships"][number]) => m.departement !== null && viewer.departements.includes(m.departement);
  if (hasRole(viewer, "STATE_AGENT")) return person.memberships.some(inScope);
  if (hasRole(viewer, "COLLECTIVITE_AGENT")) return person.memberships.some((m) => STATE_KINDS.includes(m.organizationKind) && inScope(m));
  return false;
}
