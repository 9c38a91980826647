import { actsFor, authorize, badInput, conflict, countOf, hasRole, isUuid, notFound, readPage, toConnection, type Connection, type Page, type PageArgs, type ParentCount, type Viewer } from "@hub/kit";
import { canSeePerson } from "../rules/person-visibility";
import type { DataSource } from "typeorm";
import type { Loaders } from "../loaders";
import { AccountStatus, Person } from "../entities/person.entity";
import { announcePersonChanged } from "./person-feed.service";

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
  return savePerson(dataSource, person);
}

/**
 * Reactivates a suspended account (ANCT national agents): ACTIVE again, or PENDING for an
 * invitee who never signed in (no ProConnect `sub` yet, invited by someone), as before the
 * suspension. An account that is not suspended is CONFLICT; unknown ones NOT_FOUND.
 */
export async function reactivatePerson(dataSource: DataSource, loaders: Loaders, viewer: Viewer, id: string): Promise<Person> {
  authorize(viewer, "person:suspend");
  const person = await visiblePerson(loaders, viewer, id);
  if (!person) throw notFound(`No person ${id.slice(0, 60)}`);
  if (person.status !== AccountStatus.SUSPENDED) throw conflict(`The account of ${person.email} is not suspended`);
  person.status = person.sub === null && person.invitedBy !== null ? AccountStatus.PENDING : AccountStatus.ACTIVE;
  return savePerson(dataSource, person);
}

/**
 * Changes fields of one account and announces it, in one transaction: the account as saved, or
 * null when there is none (nothing announced then).
 */
export function updatePerson(dataSource: DataSource, personId: string, changes: Partial<Pick<Person, "themes" | "notificationFrequency">>): Promise<Person | null> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(Person);
    await repository.update({ id: personId }, changes);
    const updated = await repository.findOneBy({ id: personId });
    if (updated) await announcePersonChanged(manager, personId);
    return updated;
  });
}

/** Saves a changed account and announces it, in one transaction. */
function savePerson(dataSource: DataSource, person: Person): Promise<Person> {
  return dataSource.transaction(async (manager) => {
    const saved = await manager.getRepository(Person).save(person);
    await announcePersonChanged(manager, saved.id);
    return saved;
  });
}

export const MAX_PEOPLE_PAGE = 100;
export const MAX_PEOPLE_SEARCH_LENGTH = 100;

/** Lower case without accents, in SQL: the same folding as `fold` below. */
const FOLDED_PERSON = `translate(lower(p.given_name || ' ' || p.usual_name || ' ' || p.email), 'àáâäãåçèéêëìíîïñòóôöõùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy')`;
const fold = (word: string) =>
  word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/**
 * Every account, pending and suspended included (ANCT national agents: the administration), by
 * usual name, given name, then id; filtered by words of name or email, organisation, status. The
 * cursor holds the last person's id only (never a name): the next page starts after that
 * person's names, looked up in SQL.
 */
export async function listPeople(
  dataSource: DataSource,
  viewer: Viewer,
  args: PageArgs & { search?: string | null; organizationId?: string | null; status?: AccountStatus | null },
): Promise<Connection<Person>> {
  authorize(viewer, "person:administer");
  const search = args.search?.trim() ?? "";
  if (search.length > MAX_PEOPLE_SEARCH_LENGTH) throw badInput(`search must be at most ${MAX_PEOPLE_SEARCH_LENGTH} characters`, "search");
  const page = readPage(args, MAX_PEOPLE_PAGE, (key): key is string => typeof key === "string" && isUuid(key));
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = search
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `${FOLDED_PERSON} LIKE ${param(`%${fold(word).replace(/[%_\\]/g, "\\$&")}%`)}`);
  if (args.organizationId) where.push(`EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.organization_id = ${param(args.organizationId)})`);
  if (args.status) where.push(`p.status = ${param(args.status)}`);
  const filtered = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
  const count = async () => (await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM person p ${filtered}`, [...params]))[0].count;
  if (page.after) where.push(`(p.usual_name, p.given_name, p.id) > (SELECT c.usual_name, c.given_name, c.id FROM person c WHERE c.id = ${param(page.after)}::uuid)`);
  const rows = await dataSource.query<Person[]>(
    `SELECT p.id, p.email, p.given_name AS "givenName", p.usual_name AS "usualName", p.status, p.sub, p.invited_by AS "invitedBy",
            p.notification_frequency AS "notificationFrequency", p.themes, p.created_at AS "createdAt"
       FROM person p ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY p.usual_name, p.given_name, p.id LIMIT ${param(page.limit)}`,
    params,
  );
  return toConnection(rows, page, (person) => person.id, countOf(rows, page, count));
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
/** How many members (accounts in use) each organisation has: one statement. */
export function countOrganizationMembers(dataSource: DataSource, organizationIds: readonly string[]): Promise<ParentCount<string>[]> {
  return dataSource.query(
    `SELECT ms.organization_id AS parent, count(*)::int AS count FROM membership ms JOIN person p ON p.id = ms.person_id
      WHERE ms.organization_id = ANY($1::text[]) AND p.status <> 'PENDING' GROUP BY ms.organization_id`,
    [organizationIds],
  );
}

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
