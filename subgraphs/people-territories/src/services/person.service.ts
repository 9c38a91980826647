import { actsFor, authorize, badInput, canSeePerson, conflict, forbidden, hasRole, isUuid, notFound, type Page, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { Loaders } from "../loaders";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { AccountStatus, Person } from "../entities/person.entity";
import { roleFor } from "./identity.service";

/** A person the viewer may see, or null: an invisible person is indistinguishable from none. */
export async function visiblePerson(loaders: Loaders, viewer: Viewer, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const [person, placement] = await Promise.all([loaders.person.load(id), loaders.placement.load(id)]);
  if (!person) return null;
  return canSeePerson(viewer, placement ?? { personId: id, memberships: [] }) ? person : null;
}

export interface InviteData {
  email: string;
  givenName: string;
  usualName: string;
  organizationId: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

function name(value: string, field: string): string {
  const text = value.trim();
  if (text === "" || text.length > 100) throw badInput(`${field} must be 1 to 100 characters`, field);
  return text;
}

/**
 * Invites a colleague: a pending account (or an existing one) becomes a member of the
 * organisation, with the role its kind implies. Members invite into their own organisation;
 * ANCT national agents into any.
 */
export async function invitePerson(dataSource: DataSource, viewer: Viewer, input: InviteData): Promise<Person> {
  authorize(viewer, "person:invite");
  const email = input.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput("email is not a valid address", "email");
  const givenName = name(input.givenName, "givenName");
  const usualName = name(input.usualName, "usualName");
  if (!actsFor(viewer, input.organizationId)) throw forbidden("You can only invite colleagues of your own organisation");
  return dataSource.transaction(async (manager) => {
    const organization = await manager.getRepository(Organization).findOneBy({ id: input.organizationId });
    if (!organization) throw notFound(`No organisation ${input.organizationId.slice(0, 80)}`);
    const people = manager.getRepository(Person);
    let person = await people.findOneBy({ email });
    if (!person) {
      person = await people.save(people.create({ email, givenName, usualName, status: AccountStatus.PENDING, invitedBy: viewer.personId }));
    }
    const memberships = manager.getRepository(Membership);
    if (await memberships.findOneBy({ personId: person.id, organizationId: organization.id })) {
      throw conflict(`${email} is already a member of ${organization.name}`);
    }
    await memberships.insert({ personId: person.id, organizationId: organization.id, role: roleFor(organization) });
    return person;
  });
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

export type MemberKey = [string, string];

/** One page of the members of each organisation, by name: one statement for all of them. */
export async function fetchOrganizationMembers(dataSource: DataSource, organizationIds: readonly string[], page: Page<MemberKey>): Promise<(Person & { organizationId: string })[]> {
  const params: unknown[] = [organizationIds];
  let after = "";
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    after = `AND (p.usual_name || ' ' || p.given_name, p.id::text) > ($2, $3)`;
  }
  params.push(page.limit);
  return dataSource.query(
    `SELECT m.* FROM unnest($1::text[]) AS k(organization)
       CROSS JOIN LATERAL (
         SELECT p.id, p.email, p.given_name AS "givenName", p.usual_name AS "usualName", p.status, p.sub, p.invited_by AS "invitedBy",
                p.created_at AS "createdAt", k.organization AS "organizationId"
           FROM membership ms JOIN person p ON p.id = ms.person_id
          WHERE ms.organization_id = k.organization ${after}
          ORDER BY p.usual_name || ' ' || p.given_name, p.id::text LIMIT $${params.length}) AS m`,
    params,
  );
}
