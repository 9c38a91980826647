import { groupLoader, isUuid, rowLoader } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { Organization } from "../entities/organization.entity";
import { Person } from "../entities/person.entity";
import { Territory } from "../entities/territory.entity";

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request DataLoaders of this subgraph: one SQL statement per batch. */
export function createLoaders(dataSource: DataSource) {
  return {
    territory: rowLoader<string, Territory>((ids) => dataSource.getRepository(Territory).findBy({ id: In([...ids]) }), (t) => t.id),
    /** The parents of a territory of one kind (a commune's EPCI, a groupement's CRTE). */
    parentsOfKind: groupLoader<string, Territory & { childId: string }>(
      async (keys) => {
        const pairs = keys.map((key) => key.split("|"));
        return dataSource.query(
          `SELECT t.id, t.kind, t.code, t.name, t.population, t.siren, t.postal_codes AS "postalCodes",
                  t.departement_code AS "departementCode", t.region_code AS "regionCode", l.child_id AS "childId"
             FROM territory_link l JOIN territory t ON t.id = l.parent_id
            WHERE l.child_id = ANY($1) AND t.kind = ANY($2::text[])
            ORDER BY t.name`,
          [pairs.map((p) => p[0]), [...new Set(pairs.map((p) => p[1]))]],
        ).then((rows: (Territory & { childId: string })[]) => rows);
      },
      // Key is "childId|KIND"; rows carry their kind.
      (row) => `${row.childId}|${row.kind}`,
    ),
    organization: rowLoader<string, Organization>((ids) => dataSource.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
    person: rowLoader<string, Person>((ids) => dataSource.getRepository(Person).findBy({ id: In(ids.filter(isUuid)) }), (p) => p.id),
  };
}
