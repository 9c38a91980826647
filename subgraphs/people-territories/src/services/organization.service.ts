import { badInput, countOf, readPage, toConnection, type Connection, type PageArgs } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Organization, OrganizationKind } from "../entities/organization.entity";

export const MAX_ORGANIZATION_PAGE = 50;
export const MAX_ORGANIZATION_SEARCH_LENGTH = 100;

type NameKey = [string, string];
const isNameKey = (value: unknown): value is NameKey => Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string";

/**
 * Organisations whose name holds every word of `search` (case-insensitive; `%` and `_` taken
 * literally), by name then id, optionally of one kind: to find an expert organisation or an
 * operator to associate with a project. Public information, as `organization(id)` is.
 */
export async function searchOrganizations(dataSource: DataSource, args: PageArgs & { search: string; kind?: OrganizationKind }): Promise<Connection<Organization>> {
  if (args.search.length > MAX_ORGANIZATION_SEARCH_LENGTH) throw badInput(`search must be at most ${MAX_ORGANIZATION_SEARCH_LENGTH} characters`, "search");
  const words = args.search
    .split(/[\s'’-]+/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
  if (words.length === 0) throw badInput("search must contain a letter or a digit", "search");
  const page = readPage(args, MAX_ORGANIZATION_PAGE, isNameKey);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = words.map((word) => `name ILIKE ${param(`%${word.replace(/[%_\\]/g, "\\$&")}%`)}`);
  if (args.kind) where.push(`kind = ${param(args.kind)}`);
  const count = async () => (await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM organization WHERE ${where.join(" AND ")}`, [...params]))[0].count;
  if (page.after) where.push(`(name, id) > (${param(page.after[0])}, ${param(page.after[1])})`);
  const rows = await dataSource.query<Organization[]>(
    `SELECT id, kind, name, siret, territory_id AS "territoryId" FROM organization WHERE ${where.join(" AND ")} ORDER BY name, id LIMIT ${param(page.limit)}`,
    params,
  );
  return toConnection(rows, page, (organization): NameKey => [organization.name, organization.id], countOf(rows, page, count));
}
