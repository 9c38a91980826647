import { actsFor, authorize, badInput, hasRole, isUuid, notFound, type Page, type Viewer } from "@hub/kit";
import { canSeePerson } from "../rules/person-visibility";
import type { DataSource } from "typeorm";
import type { Loaders } from "../loaders";
import { AccountStatus, Person } from "../entities/person.entity";

/** A person the viewer may see, or null: an invisible person is indistinguishable from none. */
export async function visiblePerson(loaders: Loaders, viewer: Viewer, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const [person, placement] = await Promise.all([loaders.person.load(id), loaders.placement.load(id)]);
  if (!person) return null;
  return canSeePerson(viewer, placement ?? { personId: id, memberships: [] }) ? person : null;
}

/** Suspends an account (ANCT national agents). Unknown and invisible persons are NOT_FOUND. */
export async function suspendPerson(dataSource: DataSource, loaders: Loaders, viewer: Viewer, id: string): Promise<Person> {
  authorize(viewer, "person:suspend");
  const person = await visiblePerson(loaders, viewer, id);
  if (!person) throw notFound(`No person ${id.slice(0, 60)}`);
  if (viewer.personId === person.id) throw badInput("You cannot suspend your own account", "id");
  person.status = AccountStatus.SUSPENDED;
  return dataSource.getRepository(Person).save(person);
}

/** Whether the viewer sees this person's members list of an organisation: members and the State of its département. */
export function canListMembers(viewer: Viewer, organizationId: string, departement: string | null): boolean {
  if (actsFor(viewer, organizationId) || hasRole(viewer, "ANALYST", "SERVICE")) return true;
  return hasRole(viewer, "STATE_AGENT") && departement !== null && viewer.departements.includes(departement);
}

/** A members page's cursor: the id of the last member read, never their name (the name is looked up here). */
export type MemberKey = string;

/**
 * One page of the members of each organisation, by name then id: one statement for all of them.
 * Accounts still PENDING (invited, never signed in) are not listed, so that a new invitee and an
 * existing account that has not accepted yet look the same to the inviter.
 */
export async function fetchOrganizationMembers(dataSource: DataSource, organizationIds: readonly string[], page: Page<MemberKey>): Promise<(Person & { organizationId: string })[]> {
  const params: unknown[] = [organizationIds];
  let after = "";
  if (page.after) {
    params.push(page.after);
    // The cursor's member must be a member of this organisation: any other id ends the list.
    after = `AND (p.usual_name || ' ' || p.given_name, p.id) > (
      SELECT c.usual_name || ' ' || c.given_name, c.id FROM membership cm JOIN person c ON c.id = cm.person_id
       WHERE cm.organization_id = k.organization AND cm.person_id = $2::uuid)`;
  }
  params.push(page.limit);
  return dataSource.query(
    `SELECT m.* FROM unnest($1::text[]) AS k(organization)
       CROSS JOIN LATERAL (
         SELECT p.id, p.email, p.given_name AS "givenName", p.usual_name AS "usualName", p.status, p.sub, p.invited_by AS "invitedBy",
                p.themes, p.created_at AS "createdAt", k.organization AS "organizationId"
           FROM membership ms JOIN person p ON p.id = ms.person_id
          WHERE ms.organization_id = k.organization AND p.status <> 'PENDING' ${after}
          ORDER BY p.usual_name || ' ' || p.given_name, p.id LIMIT $${params.length}) AS m`,
    params,
  );
}
