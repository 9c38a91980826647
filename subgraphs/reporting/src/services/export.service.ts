import { callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { CSV_BOM, CSV_HEADER_LINE, csvLine, exportValues, type ExportRow } from "../rules/export-columns";
import { exportFilterCondition, type ExportFilter } from "../rules/export-filter";
import { visibleFactsCondition } from "../rules/project-visibility";
import { CONSUMER_NAME } from "./journal-consumer.service";

/** Rows fetched from the cursor at a time: the export holds this many, whatever its size. */
export const EXPORT_BATCH_SIZE = 1000;

const DAY = (column: string) => `to_char(f.${column} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`;

/** The facts of the projects a viewer may see that match a filter, oldest first; pushes its parameters to `params`. */
function exportQuery(viewer: Viewer, filter: ExportFilter, params: unknown[], extra = "true"): string {
  return `SELECT f.project_id, f.title, f.status, f.phase, f.themes, f.programmes, f.territory_ids, f.owner_id,
            f.budget::text AS budget, f.amount_requested::text AS amount_requested, f.amount_granted::text AS amount_granted,
            ${DAY("created_at")} AS created_on, ${DAY("submitted_at")} AS submitted_on, ${DAY("qualified_at")} AS qualified_on,
            ${DAY("assigned_at")} AS assigned_on, ${DAY("funding_decided_at")} AS funding_decided_on, ${DAY("last_activity_at")} AS last_activity_on
       FROM project_fact f
      WHERE ${visibleFactsCondition(viewer, params)} AND ${exportFilterCondition(filter, params)} AND ${extra}
      ORDER BY f.created_at, f.project_id`;
}

/** A read of the facts in batches from a PostgreSQL cursor, in one read-only snapshot. */
export interface ExportCursor {
  /** The journal cursor the snapshot is current at. */
  currentAt: string;
  /** The next batch of rows; empty once the cursor is exhausted. */
  next(): Promise<ExportRow[]>;
  /** Ends the snapshot and gives the connection back (safe to call twice). */
  close(): Promise<void>;
}

/**
 * Opens a cursor on the facts a viewer may see that match the filter (and `changedAfter`: only
 * facts changed after that journal cursor). Memory stays constant: rows come EXPORT_BATCH_SIZE at
 * a time, and one connection holds the snapshot until `close`.
 */
export async function openExportCursor(dataSource: DataSource, viewer: Viewer, filter: ExportFilter, changedAfter: string | null = null): Promise<ExportCursor> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  };
  try {
    await runner.startTransaction("REPEATABLE READ");
    await runner.query("SET TRANSACTION READ ONLY");
    const offset = ((await runner.query(`SELECT last_id::text AS last_id FROM journal_offset WHERE name = $1`, [CONSUMER_NAME])) as { last_id: string }[]).at(0);
    const params: unknown[] = [];
    let extra = "true";
    if (changedAfter !== null) {
      params.push(changedAfter);
      extra = `f.last_activity_id > $${params.length}::bigint`;
    }
    await runner.query(`DECLARE export_facts NO SCROLL CURSOR FOR ${exportQuery(viewer, filter, params, extra)}`, params);
    return {
      currentAt: offset?.last_id ?? "0",
      next: async () => (await runner.query(`FETCH ${EXPORT_BATCH_SIZE} FROM export_facts`)) as ExportRow[],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const ORGANIZATIONS_QUERY = `query Organizations($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Organization { id name } }
}`;

/**
 * Organisation names, asked from people-territories (their owner) in one call per batch of
 * unknown ids and kept for the export's duration (bounded by the number of organisations).
 */
export class OrganizationNames {
  private readonly names = new Map<string, string | null>();

  constructor(
    private readonly peopleTerritoriesUrl: string,
    private readonly secret: string,
  ) {}

  async load(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id));
    if (missing.length === 0) return;
    const data = await callSubgraph<{ _entities: ({ id: string; name: string } | null)[] }>(this.peopleTerritoriesUrl, this.secret, SERVICE_VIEWER, ORGANIZATIONS_QUERY, {
      representations: missing.map((id) => ({ __typename: "Organization", id })),
    });
    missing.forEach((id, index) => this.names.set(id, data._entities[index]?.name ?? null));
  }

  name(id: string): string | null {
    return this.names.get(id) ?? null;
  }
}

/**
 * The CSV of a cursor's rows, as chunks: the byte order mark and the header line, then one chunk
 * per batch. Closes the cursor when done, failed or abandoned (a consumer that stops reading).
 */
export async function* projectsCsv(cursor: ExportCursor, names: OrganizationNames, publicUrl: string): AsyncGenerator<string> {
  try {
    yield CSV_BOM + CSV_HEADER_LINE;
    const context = { organizationName: (id: string) => names.name(id), publicUrl };
    for (;;) {
      const rows = await cursor.next();
      if (rows.length === 0) return;
      await names.load(rows.map((row) => row.owner_id));
      yield rows.map((row) => csvLine(exportValues(row, context))).join("");
    }
  } finally {
    await cursor.close();
  }
}
