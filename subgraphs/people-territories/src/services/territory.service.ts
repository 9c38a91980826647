import { badInput, countOf, isStringPair, notFound, readPage, toConnection, type Connection, type Page, type PageArgs, type ParentCount } from "@hub/kit";
import { TERRITORY_ID } from "@hub/reference";
import type { Loaders } from "../loaders";
import type { DataSource } from "typeorm";
import { Territory, TerritoryKind } from "../entities/territory.entity";
import { normalizeName } from "../lib/names";

export const MAX_TERRITORY_PAGE = 100;
export const MAX_SEARCH_LENGTH = 100;

const TERRITORY_KINDS: ReadonlySet<string> = new Set(Object.values(TerritoryKind));
const isTerritoryKind = (value: string): value is TerritoryKind => TERRITORY_KINDS.has(value);

/** Checks the shape of a kind-qualified territory id; BAD_USER_INPUT when malformed. */
export function parseTerritoryId(id: string, field = "id"): { kind: TerritoryKind; code: string } {
  const match = TERRITORY_ID.exec(id);
  if (!match) throw badInput(`"${id.slice(0, 60)}" is not a territory id (expected KIND:code, e.g. COMMUNE:63113)`, field);
  const kind = match[1];
  if (!isTerritoryKind(kind)) throw badInput(`"${id.slice(0, 60)}" is not a territory id (expected KIND:code, e.g. COMMUNE:63113)`, field);
  return { kind, code: match[2] };
}

export async function getTerritory(load: (id: string) => Promise<Territory | null>, id: string): Promise<Territory> {
  parseTerritoryId(id);
  const territory = await load(id);
  if (!territory) throw notFound(`No territory ${id}`);
  return territory;
}

/** The territory columns as entity properties, optionally from an aliased table. */
const columns = (alias = "") =>
  [
    ["id", "id"],
    ["kind", "kind"],
    ["code", "code"],
    ["name", "name"],
    ["population", "population"],
    ["siren", "siren"],
    ["postal_codes", "postalCodes"],
    ["departement_code", "departementCode"],
    ["region_code", "regionCode"],
    ["arrondissement_code", "arrondissementCode"],
  ]
    .map(([column, property]) => `${alias}${column} AS "${property}"`)
    .join(", ");

/** Search results are ordered by rank (0 exact, 1 prefix, 2 a word of the name, 3 similar), then population. */
type SearchKey = [number, number, string];
const isSearchKey = (value: unknown): value is SearchKey => Array.isArray(value) && value.length === 3 && typeof value[0] === "number" && typeof value[1] === "number" && typeof value[2] === "string";

/**
 * Territories by name (case-, accent-, hyphen- and apostrophe-insensitive, "St" for "Saint"),
 * name prefix, a word of the name, a similar name (pg_trgm), INSEE code, SIREN or postcode:
 * exact matches first, then by population. Without `search`: all, by population.
 */
export async function searchTerritories(dataSource: DataSource, args: PageArgs & { search?: string; kind?: TerritoryKind }): Promise<Connection<Territory>> {
  const page = readPage(args, MAX_TERRITORY_PAGE, isSearchKey);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (args.kind) where.push(`kind = ${param(args.kind)}`);
  let rank = "0";
  if (args.search !== undefined) {
    if (args.search.length > MAX_SEARCH_LENGTH) throw badInput(`search must be at most ${MAX_SEARCH_LENGTH} characters`, "search");
    const text = normalizeName(args.search);
    if (text === "") throw badInput("search must contain a letter or a digit", "search");
    const q = param(text);
    const raw = param(args.search.trim().toUpperCase());
    const like = param(`${text.replace(/[%_\\]/g, "\\$&")}%`);
    const word = param(`% ${text.replace(/[%_\\]/g, "\\$&")}%`);
    const postcode = param([args.search.trim()]);
    rank = `CASE WHEN search_name = ${q} OR code = ${raw} OR siren = ${raw} OR postal_codes @> ${postcode}::text[] THEN 0
                 WHEN search_name LIKE ${like} THEN 1 WHEN search_name LIKE ${word} THEN 2 ELSE 3 END`;
    where.push(`(search_name LIKE ${like} OR search_name LIKE ${word} OR search_name % ${q}
                 OR code = ${raw} OR siren = ${raw} OR postal_codes @> ${postcode}::text[])`);
  }
  const filtered = `FROM territory ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`;
  const ranked = `SELECT ${columns()}, ${rank} AS rank ${filtered}`;
  // The count reads the same parameters as the search (those of the page after them are ignored).
  const countParams = [...params];
  const after = page.after ? `WHERE (rank, -COALESCE(population, -1), id) > (${param(page.after[0])}, ${param(-page.after[1])}, ${param(page.after[2])})` : "";
  const rows = await dataSource.query<(Territory & { rank: number })[]>(`SELECT * FROM (${ranked}) AS r ${after} ORDER BY rank, COALESCE(population, -1) DESC, id LIMIT ${param(page.limit)}`, params);
  return toConnection(
    rows,
    page,
    (t): SearchKey => [t.rank, t.population ?? -1, t.id],
    countOf(rows, page, async () => (await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count ${filtered}`, countParams))[0].count),
  );
}

type MemberKey = [string, string];

/** One page of the direct members of each parent territory, by name: one statement for all parents. */
export async function fetchMembers(dataSource: DataSource, parents: readonly string[], page: Page<MemberKey>): Promise<(Territory & { parentId: string })[]> {
  const params: unknown[] = [parents];
  let after = "";
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    after = `AND (t.name, t.id) > ($2, $3)`;
  }
  params.push(page.limit);
  return dataSource.query(
    `SELECT m.* FROM unnest($1::text[]) AS k(parent)
       CROSS JOIN LATERAL (
         SELECT ${columns("t.")}, k.parent AS "parentId"
           FROM territory_link l JOIN territory t ON t.id = l.child_id
          WHERE l.parent_id = k.parent ${after}
          ORDER BY t.name, t.id LIMIT $${params.length}) AS m`,
    params,
  );
}

/** How many direct members each parent territory has: one statement. */
export function countMembers(dataSource: DataSource, parents: readonly string[]): Promise<ParentCount<string>[]> {
  return dataSource.query(`SELECT l.parent_id AS parent, count(*)::int AS count FROM territory_link l WHERE l.parent_id = ANY($1::text[]) GROUP BY l.parent_id`, [parents]);
}

/** The direct members of a territory (départements of a région, communes of an EPCI...), by name, through the batch loaders. */
export async function territoryMembers(loaders: Loaders, parentId: string, args: PageArgs): Promise<Connection<Territory>> {
  const page = readPage(args, MAX_TERRITORY_PAGE, isStringPair);
  const rows = await loaders.members.load(parentId, JSON.stringify(page));
  return toConnection(
    rows,
    page,
    (t): MemberKey => [t.name, t.id],
    countOf(rows, page, () => loaders.memberCounts.load(parentId, "")),
  );
}
