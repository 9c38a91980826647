import { badInput, notFound, readPage, toConnection, type Connection, type PageArgs } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Territory, TerritoryKind } from "../entities/territory.entity";
import { normalizeName } from "./names";

const ID_PATTERN = /^(REGION|DEPARTEMENT|EPCI|COMMUNE|CRTE):([A-Za-z0-9-]{1,40})$/;
export const MAX_TERRITORY_PAGE = 100;

/** Checks the shape of a kind-qualified territory id; BAD_USER_INPUT when malformed. */
export function parseTerritoryId(id: string, field = "id"): { kind: TerritoryKind; code: string } {
  const match = ID_PATTERN.exec(id);
  if (!match) throw badInput(`"${id.slice(0, 60)}" is not a territory id (expected KIND:code, e.g. COMMUNE:63113)`, field);
  return { kind: match[1] as TerritoryKind, code: match[2] };
}

export async function getTerritory(load: (id: string) => Promise<Territory | null>, id: string): Promise<Territory> {
  parseTerritoryId(id);
  const territory = await load(id);
  if (!territory) throw notFound(`No territory ${id}`);
  return territory;
}

type Key = [number, string];
const isKey = (value: unknown): value is Key => Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && typeof value[1] === "string";
const keyOf = (t: Territory): Key => [t.population ?? -1, t.id];

const SELECT = `SELECT id, kind, code, name, population, siren, postal_codes AS "postalCodes",
  departement_code AS "departementCode", region_code AS "regionCode" FROM territory`;

/**
 * Territories by name prefix (accent- and case-insensitive), INSEE code, SIREN or postcode,
 * largest population first.
 */
export async function searchTerritories(dataSource: DataSource, args: PageArgs & { search?: string; kind?: TerritoryKind }): Promise<Connection<Territory>> {
  const page = readPage(args, MAX_TERRITORY_PAGE, isKey);
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.kind) {
    params.push(args.kind);
    where.push(`kind = $${params.length}`);
  }
  if (args.search !== undefined) {
    if (args.search.length > 100) throw badInput("search must be at most 100 characters", "search");
    const text = normalizeName(args.search);
    if (text === "") throw badInput("search must contain a letter or a digit", "search");
    params.push(`${text}%`, args.search.trim());
    where.push(`(search_name LIKE $${params.length - 1} OR code = $${params.length} OR siren = $${params.length} OR $${params.length} = ANY (postal_codes))`);
  }
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    where.push(`(COALESCE(population, -1) < $${params.length - 1} OR (COALESCE(population, -1) = $${params.length - 1} AND id > $${params.length}))`);
  }
  params.push(page.limit);
  const rows: Territory[] = await dataSource.query(
    `${SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY COALESCE(population, -1) DESC, id LIMIT $${params.length}`,
    params,
  );
  return toConnection(rows, page, keyOf);
}

type MemberKey = [string, string];
const isMemberKey = (value: unknown): value is MemberKey => Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string");

/** The direct members of a territory (départements of a région, communes of an EPCI...), by name. */
export async function territoryMembers(dataSource: DataSource, parentId: string, args: PageArgs): Promise<Connection<Territory>> {
  const page = readPage(args, MAX_TERRITORY_PAGE, isMemberKey);
  const params: unknown[] = [parentId];
  let after = "";
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    after = `AND (t.name, t.id) > ($2, $3)`;
  }
  params.push(page.limit);
  const rows: Territory[] = await dataSource.query(
    `SELECT t.id, t.kind, t.code, t.name, t.population, t.siren, t.postal_codes AS "postalCodes",
            t.departement_code AS "departementCode", t.region_code AS "regionCode"
       FROM territory_link l JOIN territory t ON t.id = l.child_id
      WHERE l.parent_id = $1 ${after}
      ORDER BY t.name, t.id LIMIT $${params.length}`,
    params,
  );
  return toConnection(rows, page, (t): MemberKey => [t.name, t.id]);
}
