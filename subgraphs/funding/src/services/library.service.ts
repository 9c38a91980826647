import { badInput, conflict, decodeCursor, encodeCursor, forbidden, hasRole, isUuid, notFound, type CountedConnection, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { ContactKind, Resource, ResourceKind, ResourceSource, ResourceStatus, ResourceVersionRow, type ResourceSnapshot } from "../entities/library.entity";
import { canWrite, ownerOnCreate, validateResourceTerritories } from "../rules/library-writers";
import { checkTransition, isLive, LIMITS, text, validateExpiry, validateIds, validateThemes, validateUrl } from "../rules/library-fields";
import type { ResourceInput, ResourceUpdateInput } from "../types/library.types";

/** The largest page of `resources` and `contacts`. */
export const MAX_LIBRARY_PAGE = 50;
export const DEFAULT_LIBRARY_PAGE = 20;

export interface ListPage {
  offset: number;
  size: number;
}

/** `first`/`after` of the library's lists: the cursor is an opaque offset in the ordered list. */
export function readListPage(first: number | null | undefined, after: string | null | undefined): ListPage {
  const size = first ?? DEFAULT_LIBRARY_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_LIBRARY_PAGE) throw badInput(`first must be between 1 and ${MAX_LIBRARY_PAGE}`, "first");
  const offset = after === null || after === undefined ? 0 : decodeCursor(after, (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1_000_000);
  return { offset, size };
}

/** Rows read with `count(*) OVER ()` as `total`, into a counted connection. */
export function toCountedConnection<T>(rows: (T & { total?: number })[], page: ListPage, total: number): CountedConnection<T> {
  const nodes = rows.slice(0, page.size);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(page.offset + i + 1), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: { hasNextPage: page.offset + nodes.length < total, hasPreviousPage: page.offset > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

/** The SQL condition "the viewer may edit this row" (rules/library-writers.ts's canWrite, on rows), with its parameters appended. */
export function writableSql(viewer: Viewer, params: unknown[], alias: string): string {
  if (hasRole(viewer, "ANCT_NATIONAL", "SERVICE")) return "TRUE";
  const parts: string[] = [];
  if (hasRole(viewer, "EXPERT") && viewer.organizationId !== null) {
    params.push(viewer.organizationId);
    parts.push(`${alias}.owner_organization_id = $${params.length}`);
  }
  if (hasRole(viewer, "STATE_AGENT") && viewer.departements.length > 0) {
    params.push(viewer.departements.map((code) => `DEPARTEMENT:${code}`));
    parts.push(`(cardinality(${alias}.territory_ids) > 0 AND ${alias}.territory_ids <@ $${params.length}::text[])`);
  }
  return parts.length > 0 ? `(${parts.join(" OR ")})` : "FALSE";
}

/** Whether a viewer may read a sheet by id: drafts are their writers' only; archived and expired ones stay readable (older recommendations point to them). */
export function canRead(viewer: Viewer, resource: Resource): boolean {
  return resource.status !== ResourceStatus.DRAFT || canWrite(viewer, resource);
}

export interface ResourceSearch {
  search: string | null;
  theme: string | null;
  /** The sheet territories that apply (rules' applicableTerritories), or null for no territory criterion. */
  territories: string[] | null;
  kind: ResourceKind | null;
  status: ResourceStatus;
}

/** One page of the library, best match first when words are given (else the latest edited first), with the total. One statement (two past the end). */
export async function searchResources(dataSource: DataSource, viewer: Viewer, criteria: ResourceSearch, page: ListPage, now: Date): Promise<CountedConnection<Resource>> {
  // $1 is the instant the expiry dates are compared with (typed: a draft list does not use it).
  const params: unknown[] = [now];
  const where: string[] = ["$1::timestamptz IS NOT NULL"];
  if (criteria.status === ResourceStatus.PUBLISHED) where.push(`r.status = 'PUBLISHED' AND (r.expires_at IS NULL OR r.expires_at > $1)`);
  else if (criteria.status === ResourceStatus.DRAFT) where.push(`r.status = 'DRAFT' AND ${writableSql(viewer, params, "r")}`);
  else where.push(`(r.status = 'ARCHIVED' OR (r.status = 'PUBLISHED' AND r.expires_at <= $1)) AND ${writableSql(viewer, params, "r")}`);
  if (criteria.theme !== null) {
    params.push(criteria.theme);
    where.push(`r.themes @> ARRAY[$${params.length}::text]`);
  }
  if (criteria.kind !== null) {
    params.push(criteria.kind);
    where.push(`r.kind = $${params.length}`);
  }
  if (criteria.territories !== null) {
    params.push(criteria.territories);
    where.push(`(r.territory_ids = '{}' OR r.territory_ids && $${params.length}::text[])`);
  }
  let rank = "0";
  let from = "resource r";
  if (criteria.search !== null) {
    params.push(criteria.search);
    from = `resource r, websearch_to_tsquery('hub_french', $${params.length}) q`;
    where.push("r.search @@ q");
    rank = "ts_rank_cd(r.search, q, 32)";
  }
  const order = criteria.search !== null ? "rank DESC, r.updated_at DESC, r.id" : "r.updated_at DESC, r.id";
  const sql = (select: string, tail: string) => `SELECT ${select} FROM ${from} WHERE ${where.join(" AND ")} ${tail}`;
  params.push(page.size, page.offset);
  const rows = await dataSource.query<{ id: string; total: string }[]>(
    sql(`r.id, ${rank} AS rank, count(*) OVER () AS total`, `ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`),
    params,
  );
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const [counted] = await dataSource.query<{ total: string }[]>(sql("count(*) AS total", ""), params.slice(0, -2));
    total = Number(counted.total);
  }
  // The rows themselves by primary key, in the ranked order.
  const found =
    rows.length > 0
      ? await dataSource
          .getRepository(Resource)
          .createQueryBuilder("r")
          .where("r.id IN (:...ids)", { ids: rows.map((r) => r.id) })
          .getMany()
      : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  // A row deleted between the two statements is left out.
  return toCountedConnection(
    rows.flatMap((r) => byId.get(r.id) ?? []),
    page,
    total,
  );
}

export function snapshotOf(resource: Resource): ResourceSnapshot {
  return {
    title: resource.title,
    summary: resource.summary,
    body: resource.body,
    themes: resource.themes,
    territoryIds: resource.territoryIds,
    kind: resource.kind,
    status: resource.status,
    expiresAt: resource.expiresAt ? resource.expiresAt.toISOString() : null,
    url: resource.url,
    providerId: resource.providerId,
    contactIds: resource.contactIds,
  };
}

/** Whether two states of a sheet differ in anything a version records. */
export function sameContent(a: Resource, b: Resource): boolean {
  return JSON.stringify(snapshotOf(a)) === JSON.stringify(snapshotOf(b));
}

/** Provider and contacts must exist; the provider must be an organisation. */
async function checkContacts(manager: EntityManager, providerId: string | null, contactIds: string[]): Promise<void> {
  const ids = [...new Set([...(providerId ? [providerId] : []), ...contactIds])];
  if (ids.length === 0) return;
  const rows = await manager.query<{ id: string; kind: ContactKind }[]>(`SELECT id, kind FROM contact WHERE id = ANY($1::uuid[]) FOR SHARE`, [ids]);
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  if (providerId && kinds.get(providerId) !== ContactKind.ORGANIZATION) throw badInput("providerId : un contact de type ORGANIZATION est attendu", "providerId");
  const missing = contactIds.find((id) => !kinds.has(id));
  if (missing) throw badInput(`contactIds : contact introuvable ${missing}`, "contactIds");
}

/** Saves a sheet (insert or update) and its new version, in the caller's transaction. */
export async function saveVersion(manager: EntityManager, resource: Resource, editedBy: string | null, now: Date): Promise<Resource> {
  resource.updatedAt = now;
  resource.updatedBy = editedBy;
  await manager.getRepository(Resource).save(resource);
  await manager.getRepository(ResourceVersionRow).insert({ resourceId: resource.id, version: resource.version, snapshot: snapshotOf(resource), editedBy, editedAt: now });
  return resource;
}

export async function createResource(dataSource: DataSource, viewer: Viewer, input: ResourceInput, now: Date): Promise<Resource> {
  const status = input.status ?? ResourceStatus.DRAFT;
  if (status === ResourceStatus.ARCHIVED) throw badInput("Une nouvelle fiche est un brouillon (DRAFT) ou publiée (PUBLISHED)", "input.status");
  const resource = Object.assign(new Resource(), {
    title: text(input.title, "title", LIMITS.title),
    summary: text(input.summary, "summary", LIMITS.summary),
    body: text(input.body, "body", LIMITS.body),
    themes: validateThemes(input.themes ?? []),
    territoryIds: validateResourceTerritories(input.territoryIds ?? []),
    kind: input.kind,
    status,
    expiresAt: validateExpiry(input.expiresAt ?? null, status, now),
    url: validateUrl(input.url),
    providerId: input.providerId ? validateIds([input.providerId], "providerId", 1)[0] : null,
    contactIds: validateIds(input.contactIds ?? [], "contactIds", LIMITS.contacts),
    ownerOrganizationId: ownerOnCreate(viewer),
    source: ResourceSource.HUB,
    externalId: null,
    version: 1,
    createdBy: viewer.personId,
    createdAt: now,
  });
  if (!canWrite(viewer, resource)) throw forbidden(writeRefusal(viewer));
  return dataSource.transaction(async (manager) => {
    await checkContacts(manager, resource.providerId, resource.contactIds);
    return saveVersion(manager, resource, viewer.personId, now);
  });
}

function writeRefusal(viewer: Viewer): string {
  if (hasRole(viewer, "STATE_AGENT")) return "Vous ne pouvez écrire que les fiches de vos départements";
  if (hasRole(viewer, "EXPERT")) return "Vous ne pouvez écrire que les fiches de votre organisation";
  return "Vous ne pouvez pas écrire dans la bibliothèque";
}

/** Reads a sheet for an edit, locked; checks that the viewer sees it, may edit it and read the current version. */
async function lockForEdit(manager: EntityManager, viewer: Viewer, id: string, version: number): Promise<Resource> {
  const current = isUuid(id) ? await manager.getRepository(Resource).findOne({ where: { id }, lock: { mode: "pessimistic_write" } }) : null;
  if (!current || !canRead(viewer, current)) throw notFound(`Fiche introuvable : ${id.slice(0, 60)}`);
  if (!canWrite(viewer, current)) throw forbidden(writeRefusal(viewer));
  if (current.version !== version) throw conflict(`La fiche a été modifiée entre-temps (version ${current.version}, vous avez lu la version ${version}) : rechargez-la`);
  return current;
}

export async function updateResource(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: ResourceUpdateInput, now: Date): Promise<Resource> {
  return dataSource.transaction(async (manager) => {
    const current = await lockForEdit(manager, viewer, id, version);
    const next = Object.assign(new Resource(), current);
    if (input.title !== undefined) next.title = text(input.title ?? "", "title", LIMITS.title);
    if (input.summary !== undefined) next.summary = text(input.summary ?? "", "summary", LIMITS.summary);
    if (input.body !== undefined) next.body = text(input.body ?? "", "body", LIMITS.body);
    if (input.themes !== undefined) next.themes = validateThemes(input.themes ?? []);
    if (input.territoryIds !== undefined) next.territoryIds = validateResourceTerritories(input.territoryIds ?? []);
    if (input.kind !== undefined && input.kind !== null) next.kind = input.kind;
    if (input.expiresAt !== undefined) next.expiresAt = validateExpiry(input.expiresAt, next.status, now);
    if (input.url !== undefined) next.url = validateUrl(input.url);
    if (input.providerId !== undefined) next.providerId = input.providerId ? validateIds([input.providerId], "providerId", 1)[0] : null;
    if (input.contactIds !== undefined) next.contactIds = validateIds(input.contactIds ?? [], "contactIds", LIMITS.contacts);
    if (!canWrite(viewer, next)) throw forbidden(writeRefusal(viewer));
    if (sameContent(current, next)) return current;
    await checkContacts(manager, next.providerId, next.contactIds);
    next.version = current.version + 1;
    return saveVersion(manager, next, viewer.personId, now);
  });
}

export async function setResourceStatus(dataSource: DataSource, viewer: Viewer, id: string, version: number, status: ResourceStatus, now: Date): Promise<Resource> {
  return dataSource.transaction(async (manager) => {
    const current = await lockForEdit(manager, viewer, id, version);
    // Publishing again a sheet that has expired needs a new date first.
    if (current.status === status && !(status === ResourceStatus.PUBLISHED && !isLive(current, now))) return current;
    if (current.status !== status) checkTransition(current.status, status);
    const next = Object.assign(new Resource(), current, { status, version: current.version + 1 });
    validateExpiry(next.expiresAt, status, now);
    return saveVersion(manager, next, viewer.personId, now);
  });
}
