import { groupLoader, isUuid, PagedRelationLoader, RelationCountLoader, rowLoader } from "@hub/kit";
import type { PersonPlacement } from "../rules/person-visibility";
import { countOrganizationMembers, fetchOrganizationMembers } from "../services/person.service";
import { countMembers, fetchMembers } from "../services/territory.service";
import { In, IsNull, type DataSource } from "typeorm";
import { Invitation } from "../entities/invitation.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { Territory } from "../entities/territory.entity";

export type Loaders = ReturnType<typeof createLoaders>;

const TERRITORY_COLUMNS = `t.id, t.kind, t.code, t.name, t.population, t.siren, t.postal_codes AS "postalCodes",
  t.departement_code AS "departementCode", t.region_code AS "regionCode", t.arrondissement_code AS "arrondissementCode"`;

/** The per-request DataLoaders of this subgraph: one SQL statement per batch. */
export function createLoaders(dataSource: DataSource) {
  return {
    territory: rowLoader<string, Territory>(
      (ids) => dataSource.getRepository(Territory).findBy({ id: In([...ids]) }),
      (t) => t.id,
    ),
    /** Direct parents of one kind ("COMMUNE:63113|EPCI": a commune's EPCI). */
    parentsOfKind: groupLoader<string, Territory & { childId: string }>(
      (keys) =>
        dataSource.query(
          `SELECT ${TERRITORY_COLUMNS}, l.child_id AS "childId"
             FROM territory_link l JOIN territory t ON t.id = l.parent_id
            WHERE l.child_id = ANY($1) AND t.kind = ANY($2::text[])
            ORDER BY t.name`,
          [keys.map((key) => key.split("|")[0]), [...new Set(keys.map((key) => key.split("|")[1]))]],
        ),
      (row) => `${row.childId}|${row.kind}`,
    ),
    /** The CRTE of a commune: directly (a commune signing alone) or through its groupements. */
    crtes: groupLoader<string, Territory & { childId: string }>(
      (ids) =>
        dataSource.query(
          `SELECT DISTINCT ${TERRITORY_COLUMNS}, c.id AS "childId"
             FROM unnest($1::text[]) AS c(id)
             JOIN territory_link l1 ON l1.child_id = c.id
             LEFT JOIN territory_link l2 ON l2.child_id = l1.parent_id
             JOIN territory t ON t.kind = 'CRTE' AND t.id IN (l1.parent_id, l2.parent_id)
            ORDER BY t.name`,
          [ids],
        ),
      (row) => row.childId,
    ),
    members: new PagedRelationLoader<string, Territory & { parentId: string }>(
      (parents, pageKey) => fetchMembers(dataSource, parents, JSON.parse(pageKey) as Parameters<typeof fetchMembers>[2]),
      (row) => row.parentId,
    ),
    /** How many direct members each territory has (`members`' totalCount). */
    memberCounts: new RelationCountLoader<string>((parents) => countMembers(dataSource, parents)),
    /** How many members each organisation has (`members`' totalCount). */
    organizationMemberCounts: new RelationCountLoader<string>((organizations) => countOrganizationMembers(dataSource, organizations)),
    organizationMembers: new PagedRelationLoader<string, Person & { organizationId: string }>(
      (organizations, pageKey) => fetchOrganizationMembers(dataSource, organizations, JSON.parse(pageKey) as Parameters<typeof fetchOrganizationMembers>[2]),
      (row) => row.organizationId,
    ),
    organization: rowLoader<string, Organization>(
      (ids) => dataSource.getRepository(Organization).findBy({ id: In([...ids]) }),
      (o) => o.id,
    ),
    person: rowLoader<string, Person>(
      (ids) => dataSource.getRepository(Person).findBy({ id: In(ids.filter(isUuid)) }),
      (p) => p.id,
    ),
    memberships: groupLoader<string, Membership>(
      (ids) => dataSource.getRepository(Membership).find({ where: { personId: In([...ids]) }, order: { createdAt: "ASC" } }),
      (m) => m.personId,
    ),
    /** A person's invitations still waiting for their answer, oldest first. */
    pendingInvitations: groupLoader<string, Invitation>(
      (ids) => dataSource.getRepository(Invitation).find({ where: { personId: In([...ids]), acceptedAt: IsNull() }, order: { createdAt: "ASC" } }),
      (i) => i.personId,
    ),
    /** Where a person works: what the policy decides their visibility on. */
    placement: rowLoader<string, PersonPlacement>(
      async (ids) => {
        const rows = await dataSource.query<{ person_id: string; organization_id: string; kind: string; departement_code: string | null }[]>(
          `SELECT m.person_id, m.organization_id, o.kind, t.departement_code
           FROM membership m JOIN organization o ON o.id = m.organization_id LEFT JOIN territory t ON t.id = o.territory_id
          WHERE m.person_id = ANY($1::uuid[])`,
          [ids.filter(isUuid)],
        );
        const placements = new Map<string, PersonPlacement>();
        for (const row of rows) {
          const placement = placements.get(row.person_id) ?? { personId: row.person_id, memberships: [] };
          placement.memberships.push({ organizationId: row.organization_id, organizationKind: row.kind, departement: row.departement_code });
          placements.set(row.person_id, placement);
        }
        return [...placements.values()];
      },
      (p) => p.personId,
    ),
  };
}
