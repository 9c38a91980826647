import { authorize, badInput, withTotalCount, type Connection, type Counter, type PageArgs, type ParentCount, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Activity, type ActivityKind } from "../entities/activity.entity";
import { internalCondition, visibilityCondition } from "../rules/visibility";

export const MAX_ACTIVITY_PAGE = 500;

export interface JournalFilter {
  projectId?: string | null;
  territoryId?: string | null;
  kinds?: ActivityKind[] | null;
}

/** `after` of the journal is an activity id (its cursor), not an opaque string. */
export function readJournalCursor(after: string | null | undefined, field = "after"): string {
  const cursor = after ?? "0";
  if (!/^\d{1,18}$/.test(cursor)) throw badInput(`${field} must be an activity id`, field);
  return cursor;
}

const COLUMNS = `a.id::text AS id, a.at, a.kind, a.project_id AS "projectId", a.actor_id AS "actorId", a.summary, a.payload, a.internal, a.idempotency_key AS "idempotencyKey"`;

/**
 * Journal entries after a cursor, in order, that the viewer may see (projects it sees, internal
 * notes for the State only), narrowed by `filter`. One SQL statement.
 */
export async function journalAfter(dataSource: DataSource, viewer: Viewer, after: string, limit: number, filter: JournalFilter = {}): Promise<Activity[]> {
  const params: unknown[] = [after];
  const where = journalConditions(viewer, params, filter);
  params.push(limit);
  return dataSource.query(`SELECT ${COLUMNS} FROM activity a JOIN project p ON p.id = a.project_id WHERE a.id > $1::bigint AND ${where} ORDER BY a.id LIMIT $${params.length}`, params);
}

/** How many entries the journal holds for the viewer and the filter, every page. */
async function countJournal(dataSource: DataSource, viewer: Viewer, filter: JournalFilter): Promise<number> {
  const params: unknown[] = [];
  const where = journalConditions(viewer, params, filter);
  const [row] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM activity a JOIN project p ON p.id = a.project_id WHERE ${where}`, params);
  return row.count;
}

/** The viewer's rights and the filter, as SQL on `activity a JOIN project p`; pushes parameters to `params`. */
function journalConditions(viewer: Viewer, params: unknown[], filter: JournalFilter): string {
  const where = [visibilityCondition(viewer, params), internalCondition(viewer)];
  if (filter.projectId) {
    params.push(filter.projectId);
    where.push(`a.project_id = $${params.length}::uuid`);
  }
  if (filter.territoryId) {
    params.push(filter.territoryId);
    where.push(`p.territory_ids @> ARRAY[$${params.length}]::text[]`);
  }
  if (filter.kinds?.length) {
    params.push(filter.kinds);
    where.push(`a.kind = ANY($${params.length}::text[])`);
  }
  return where.join(" AND ");
}

/** The journal as a connection, for the projects the viewer sees. */
export async function readJournal(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: JournalFilter = {}): Promise<Connection<Activity>> {
  authorize(viewer, "project:read");
  const { size, after } = journalPage(args);
  if (filter.projectId && !/^[0-9a-f-]{36}$/i.test(filter.projectId)) throw badInput("projectId is not a project id", "filter.projectId");
  const rows = await journalAfter(dataSource, viewer, after, size + 1, filter);
  return journalConnection(rows, size, after, after === "0" && rows.length <= size ? rows.length : () => countJournal(dataSource, viewer, filter));
}

/**
 * One page of the journal of each of several projects the viewer already sees (internal notes
 * for the State only): one statement for all of them.
 */
export async function projectJournals(dataSource: DataSource, viewer: Viewer, projectIds: readonly string[], after: string, limit: number): Promise<Activity[]> {
  return dataSource.query(
    `SELECT j.* FROM unnest($1::uuid[]) AS k(project)
       CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM activity a WHERE a.project_id = k.project AND a.id > $2::bigint AND ${internalCondition(viewer)} ORDER BY a.id LIMIT $3) AS j`,
    [projectIds, after, limit],
  );
}

/** How many journal entries each project holds for the viewer (internal notes for the State only): one statement. */
export function countProjectJournals(dataSource: DataSource, viewer: Viewer, projectIds: readonly string[]): Promise<ParentCount<string>[]> {
  return dataSource.query(`SELECT a.project_id AS parent, count(*)::int AS count FROM activity a WHERE a.project_id = ANY($1::uuid[]) AND ${internalCondition(viewer)} GROUP BY a.project_id`, [
    projectIds,
  ]);
}

/** A project's journal as a connection, through the batch loaders (its page, and its count when asked for). */
export async function projectJournal(load: (pageKey: string) => Promise<Activity[]>, count: () => Promise<number>, viewer: Viewer, args: PageArgs): Promise<Connection<Activity>> {
  authorize(viewer, "project:read");
  const { size, after } = journalPage(args);
  const rows = await load(JSON.stringify({ after, limit: size + 1 }));
  return journalConnection(rows, size, after, after === "0" && rows.length <= size ? rows.length : count);
}

function journalPage(args: PageArgs): { size: number; after: string } {
  const size = args.first ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > MAX_ACTIVITY_PAGE) throw badInput(`first must be between 1 and ${MAX_ACTIVITY_PAGE}`, "first");
  return { size, after: readJournalCursor(args.after) };
}

function journalConnection(rows: Activity[], size: number, after: string, count: Counter): Connection<Activity> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: node.id, node }));
  return withTotalCount(
    {
      edges,
      pageInfo: {
        hasNextPage: rows.length > size,
        hasPreviousPage: after !== "0",
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    },
    count,
  );
}
