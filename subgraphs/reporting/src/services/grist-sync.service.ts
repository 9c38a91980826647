import { ANONYMOUS, badInput, hubError, type Logger, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { GristClient } from "../clients/grist.client";
import type { GristCellValue, GristUpsertRecord } from "../clients/grist.types";
import { EXPORT_COLUMNS, type ExportContext, type ExportRow } from "../rules/export-columns";
import type { ExportFilter } from "../rules/export-filter";
import { openExportCursor, OrganizationNames } from "./export.service";

/** The key column of the Grist table: the project id. */
export const GRIST_KEY_COLUMN = EXPORT_COLUMNS[0].gristId;
const GRIST_COLUMNS = EXPORT_COLUMNS.map((c) => ({ id: c.gristId, fields: { label: c.header, type: c.gristType } }));
const DOC_ID = /^[A-Za-z0-9_-]{1,100}$/;
const TABLE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export interface GristSyncReport {
  docId: string;
  tableId: string;
  rows: number;
  requests: number;
  columnsCreated: string[];
  currentAt: string;
  scheduled: boolean;
  /** False when the answer came before the end of the sync, which goes on in the background. */
  done: boolean;
}

/** What a sync has sent so far. */
type Progress = Omit<GristSyncReport, "scheduled" | "done">;

export interface GristSyncOptions {
  dataSource: DataSource;
  /** Null when GRIST_URL is not set: every sync is refused. */
  client: GristClient | null;
  peopleTerritoriesUrl: string;
  secret: string;
  publicUrl: string;
  logger: Logger;
  /** How long syncToGrist waits for its sync before answering with the progress (default 5 s, under the gateway's timeout). */
  waitMs?: number;
}

/**
 * Writes the projects a viewer may see into a Grist table, one row per project keyed on
 * `projet_id` (columns created when missing), and keeps registered tables current from the
 * journal: each scheduled run sends again the projects whose facts changed since the last one.
 */
export class GristSyncService {
  constructor(private readonly options: GristSyncOptions) {}

  /** Syncs still running after their caller got its answer. */
  private readonly background = new Set<Promise<void>>();

  /**
   * syncToGrist: a full sync now; with `keepCurrent`, the table is then kept current by the
   * scheduled runs. Answers when done, or after `waitMs` with what is sent so far (`done: false`):
   * the sync goes on in the background (a national table takes longer than a request may).
   */
  async syncNow(viewer: Viewer, docId: string, tableId: string, filter: ExportFilter, keepCurrent: boolean): Promise<GristSyncReport> {
    this.clientOrRefuse();
    if (!DOC_ID.test(docId)) throw badInput("docId must be a Grist document id (letters, digits, - and _)", "docId");
    if (!TABLE_ID.test(tableId)) throw badInput("tableId must be a Grist table id (a letter or _, then letters, digits or _)", "tableId");
    const progress: Progress = { docId, tableId, rows: 0, requests: 0, columnsCreated: [], currentAt: "0" };
    const work = this.send(viewer, docId, tableId, filter, null, progress).then(async () => {
      if (!keepCurrent) return;
      await this.options.dataSource.query(
        `INSERT INTO grist_sync (doc_id, table_id, filter, viewer, last_cursor, last_synced_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (doc_id, table_id) DO UPDATE SET filter = EXCLUDED.filter, viewer = EXCLUDED.viewer, last_cursor = EXCLUDED.last_cursor,
           last_synced_at = EXCLUDED.last_synced_at, last_error = NULL`,
        [docId, tableId, JSON.stringify(filter), JSON.stringify(viewer), progress.currentAt],
      );
    });
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([work.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.waitMs ?? 5000)))]).finally(() =>
      clearTimeout(timer),
    );
    if (!done) {
      const running = work
        .catch((error: unknown) => {
          this.options.logger.warn(`grist sync of ${docId}/${tableId} failed in the background: ${(error as Error).message}`);
        })
        .finally(() => this.background.delete(running));
      this.background.add(running);
    }
    return { ...progress, columnsCreated: [...progress.columnsCreated], scheduled: keepCurrent, done };
  }

  /** Waits for the syncs still running (the service is stopping). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  /** stopGristSync: the table is no longer kept current; whether it was. */
  async stop(docId: string, tableId: string): Promise<boolean> {
    const [{ deleted }] = await this.options.dataSource.query<{ deleted: number }[]>(
      `WITH d AS (DELETE FROM grist_sync WHERE doc_id = $1 AND table_id = $2 RETURNING 1) SELECT count(*)::int AS deleted FROM d`,
      [docId, tableId],
    );
    return deleted > 0;
  }

  /**
   * One scheduled run: every registered table gets the projects changed since its cursor. A table
   * is locked while it is synced (FOR UPDATE SKIP LOCKED): replicas never send it twice at once.
   * A failure is stored on the table and logged; its cursor stays, so the next run retries.
   */
  async runScheduled(): Promise<void> {
    if (!this.options.client) return;
    const ids = await this.options.dataSource.query<{ id: string }[]>(`SELECT id FROM grist_sync ORDER BY created_at`);
    for (const { id } of ids) {
      const runner = this.options.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const sync = (
          (await runner.query(`SELECT doc_id, table_id, filter, viewer, last_cursor::text AS last_cursor FROM grist_sync WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id])) as {
            doc_id: string;
            table_id: string;
            filter: ExportFilter;
            viewer: Viewer;
            last_cursor: string;
          }[]
        ).at(0);
        if (!sync) {
          await runner.rollbackTransaction();
          continue;
        }
        try {
          const progress: Progress = { docId: sync.doc_id, tableId: sync.table_id, rows: 0, requests: 0, columnsCreated: [], currentAt: "0" };
          // Viewers stored before keys had limits lack those fields: none then (they read what they read when stored).
          await this.send({ ...ANONYMOUS, ...sync.viewer }, sync.doc_id, sync.table_id, sync.filter, sync.last_cursor, progress);
          await runner.query(`UPDATE grist_sync SET last_cursor = GREATEST(last_cursor, $2::bigint), last_synced_at = now(), last_error = NULL WHERE id = $1`, [id, progress.currentAt]);
        } catch (error) {
          this.options.logger.warn(`grist sync of ${sync.doc_id}/${sync.table_id} failed, retried on the next run: ${(error as Error).message}`);
          await runner.query(`UPDATE grist_sync SET last_error = $2 WHERE id = $1`, [id, (error as Error).message.slice(0, 500)]);
        }
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        this.options.logger.warn(`grist sync run failed: ${(error as Error).message}`);
      } finally {
        await runner.release();
      }
    }
  }

  /** The client, or the refusal of a hub without GRIST_URL. */
  private clientOrRefuse(): GristClient {
    if (this.options.client) return this.options.client;
    throw hubError("UPSTREAM_UNAVAILABLE", "La synchronisation avec Grist n’est pas configurée sur ce hub.", { reason: "GRIST_NOT_CONFIGURED" });
  }

  /** Creates the missing columns, then sends the rows (those changed after `changedAfter`, or all) in batches, counting in `progress`. */
  private async send(viewer: Viewer, docId: string, tableId: string, filter: ExportFilter, changedAfter: string | null, progress: Progress): Promise<void> {
    const client = this.clientOrRefuse();
    progress.columnsCreated = await client.ensureColumns(docId, tableId, GRIST_COLUMNS);
    const names = new OrganizationNames(this.options.peopleTerritoriesUrl, this.options.secret);
    const context: ExportContext = { organizationName: (id) => names.name(id), publicUrl: this.options.publicUrl };
    const cursor = await openExportCursor(this.options.dataSource, viewer, filter, changedAfter);
    progress.currentAt = cursor.currentAt;
    try {
      for (;;) {
        const batch = await cursor.next();
        if (batch.length === 0) break;
        await names.load(batch.map((row) => row.owner_id));
        const report = await client.upsertRecords(
          docId,
          tableId,
          batch.map((row) => gristRecord(row, context)),
        );
        progress.rows += report.records;
        progress.requests += report.requests;
      }
    } finally {
      await cursor.close();
    }
  }
}

/** A project as a Grist add-or-update record: matched on projet_id, every other column written. */
export function gristRecord(row: ExportRow, context: ExportContext): GristUpsertRecord {
  const fields: Record<string, GristCellValue> = {};
  for (const column of EXPORT_COLUMNS.slice(1)) fields[column.gristId] = column.value(row, context);
  return { require: { [GRIST_KEY_COLUMN]: row.project_id }, fields };
}
