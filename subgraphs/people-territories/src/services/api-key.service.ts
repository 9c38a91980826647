import { API_SCOPES, authorize, badInput, countOf, isStringPair, notFound, readPage, toConnection, type Connection, type PageArgs, type Viewer } from "@hub/kit";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isTerritoryId } from "@hub/reference";
import { In, type DataSource } from "typeorm";
import { ApiKey } from "../entities/api-key.entity";
import { Territory } from "../entities/territory.entity";

/** Keys read `hubk_<prefix>_<secret>`: the prefix finds the row, the secret is checked against its hash. */
const KEY = /^hubk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Programmes' keys, newest first; the cursor is (created_at, id). */
export async function listApiKeys(dataSource: DataSource, viewer: Viewer, args: PageArgs): Promise<Connection<ApiKey>> {
  authorize(viewer, "apikey:manage");
  const page = readPage(args, 100, isStringPair);
  const query = dataSource.getRepository(ApiKey).createQueryBuilder("k");
  if (page.after) query.where("(k.created_at, k.id) < (:at::timestamptz, :id::uuid)", { at: page.after[0], id: page.after[1] });
  const rows = await query.orderBy("k.created_at", "DESC").addOrderBy("k.id", "DESC").limit(page.limit).getMany();
  return toConnection(
    rows,
    page,
    (k) => [k.createdAt.toISOString(), k.id],
    countOf(rows, page, () => dataSource.getRepository(ApiKey).count()),
  );
}

/** A key's own settings, as ANCT gives them at creation (absent: the gateway's defaults). */
export interface ApiKeyLimits {
  requestsPerMinute?: number | null;
  maxOperationCost?: number | null;
  costPerMinute?: number | null;
  trustedOperationsOnly?: boolean | null;
}

function checkedLimit(value: number | null | undefined, max: number, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(`${field} must be from 1 to ${max}`, field);
  return value;
}

/** At most so many programmes and territories in a key's limits. */
const MAX_LIMIT_PROGRAMMES = 20;
const MAX_LIMIT_TERRITORIES = 100;

/** A key's limits, checked: programmes as projects name them, territories that exist in the map. */
async function checkedLimits(dataSource: DataSource, input: { programmes?: string[] | null; territoryIds?: string[] | null }): Promise<{ programmes: string[]; territoryIds: string[] }> {
  const programmes = [...new Set((input.programmes ?? []).map((p) => p.trim()))];
  if (programmes.length > MAX_LIMIT_PROGRAMMES) throw badInput(`At most ${MAX_LIMIT_PROGRAMMES} programmes`, "programmes");
  if (programmes.some((p) => p === "" || p.length > 80)) throw badInput("A programme is 1 to 80 characters", "programmes");
  const territoryIds = [...new Set(input.territoryIds ?? [])];
  if (territoryIds.length > MAX_LIMIT_TERRITORIES) throw badInput(`At most ${MAX_LIMIT_TERRITORIES} territories`, "territoryIds");
  const malformed = territoryIds.find((id) => !isTerritoryId(id));
  if (malformed !== undefined) throw badInput(`"${malformed.slice(0, 60)}" is not a territory id (e.g. REGION:84, CRTE:crte-84-01-1)`, "territoryIds");
  if (territoryIds.length > 0) {
    const known = new Set((await dataSource.getRepository(Territory).find({ select: { id: true }, where: { id: In(territoryIds) } })).map((t) => t.id));
    const unknown = territoryIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw badInput(`No territory ${unknown.slice(0, 60)}`, "territoryIds");
  }
  return { programmes, territoryIds };
}

/** Creates a programme's key; the returned `key` is shown once and never stored. */
export async function createApiKey(
  dataSource: DataSource,
  viewer: Viewer,
  input: { name: string; scopes: string[]; programmes?: string[] | null; territoryIds?: string[] | null } & ApiKeyLimits,
): Promise<{ apiKey: ApiKey; key: string }> {
  authorize(viewer, "apikey:manage");
  const name = input.name.trim();
  if (name === "" || name.length > 100) throw badInput("name must be 1 to 100 characters", "name");
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw badInput("at least one scope is required", "scopes");
  for (const scope of scopes) {
    if (!Object.hasOwn(API_SCOPES, scope)) throw badInput(`Unknown scope "${scope.slice(0, 40)}" (known: ${Object.keys(API_SCOPES).join(", ")})`, "scopes");
  }
  const requestsPerMinute = checkedLimit(input.requestsPerMinute, 60_000, "requestsPerMinute");
  const maxOperationCost = checkedLimit(input.maxOperationCost, 1_000_000, "maxOperationCost");
  const costPerMinute = checkedLimit(input.costPerMinute, 10_000_000, "costPerMinute");
  const trustedOperationsOnly = input.trustedOperationsOnly ?? false;
  const limits = await checkedLimits(dataSource, input);
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const repository = dataSource.getRepository(ApiKey);
  const apiKey = await repository.save(
    repository.create({ name, prefix, secretHash: hash(secret), scopes, requestsPerMinute, maxOperationCost, costPerMinute, trustedOperationsOnly, ...limits, createdBy: viewer.personId }),
  );
  return { apiKey, key: `hubk_${prefix}_${secret}` };
}

export async function revokeApiKey(dataSource: DataSource, viewer: Viewer, id: string): Promise<ApiKey> {
  authorize(viewer, "apikey:manage");
  const repository = dataSource.getRepository(ApiKey);
  const apiKey = /^[0-9a-f-]{36}$/i.test(id) ? await repository.findOneBy({ id }) : null;
  if (!apiKey) throw notFound(`No API key ${id.slice(0, 60)}`);
  apiKey.revokedAt ??= new Date();
  return repository.save(apiKey);
}

/** The live key matching `key`, or null (unknown, wrong secret, revoked, malformed). */
export async function verifyApiKey(dataSource: DataSource, key: string): Promise<ApiKey | null> {
  const match = KEY.exec(key);
  if (!match) return null;
  const apiKey = await dataSource.getRepository(ApiKey).findOneBy({ prefix: match[1] });
  if (!apiKey || apiKey.revokedAt) return null;
  const expected = Buffer.from(apiKey.secretHash, "hex");
  const given = Buffer.from(hash(match[2]), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given) ? apiKey : null;
}
