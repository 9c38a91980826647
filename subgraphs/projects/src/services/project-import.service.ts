import { authorize, badInput, conflict, type Viewer } from "@hub/kit";
import type { Readable } from "node:stream";
import type { DataSource, EntityManager } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { ProjectStatus } from "../entities/project.entity";
import { readRows, type ImportFileFormat } from "../lib/import-reader";
import { checkHeaders, checkImportRow, normaliseHeader, type ImportedProject, type LineError } from "../rules/import-row";
import { appendActivities } from "./activity.service";

/** Lines written per transaction: each holds the journal's lock only for its own appends. */
export const IMPORT_BATCH = 1000;
/** Errors listed in a report (all are counted). */
export const IMPORT_ERRORS_LISTED = 1000;
const SOURCE = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,79}$/u;

export interface ImportOptions {
  format: ImportFileFormat;
  /** Check and count only: nothing is written. */
  dryRun: boolean;
  /** Whose ids the file's external ids are: the same external id in another source is another project. */
  source: string;
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  /** Whether anything was written: false with dryRun, when a line has an error, or when nothing changed. */
  written: boolean;
  /** Lines of projects read (the header and blank lines aside). */
  rows: number;
  /** Projects created, updated and left as they were (with dryRun: would be; 0 when a line has an error). */
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  /** The first IMPORT_ERRORS_LISTED errors, in file order. */
  errors: LineError[];
}

/**
 * Imports a portfolio: reads the file twice, as a stream. The first reading checks every line
 * (and, with dryRun, counts what would change); when no line has an error, the second writes
 * it in batches of IMPORT_BATCH, each in one transaction with its journal entries: one activity
 * per project created or changed, none for one unchanged. External ids make it idempotent:
 * importing the same file again changes nothing, an edited line updates its project.
 * `open` gives the file from its start each time it is called.
 */
export async function importProjects(dataSource: DataSource, viewer: Viewer, open: () => Readable | Promise<Readable>, options: ImportOptions): Promise<ImportReport> {
  authorize(viewer, "project:import");
  const source = options.source.trim();
  if (!SOURCE.test(source)) throw badInput("source must be 1 to 80 letters, digits, spaces or . _ : / -", "source");
  const report: ImportReport = { source, dryRun: options.dryRun, written: false, rows: 0, created: 0, updated: 0, unchanged: 0, errorCount: 0, errors: [] };

  for await (const batch of validBatches(await open(), options.format, report)) {
    if (options.dryRun && report.errorCount === 0) {
      const plan = await planBatch(dataSource.manager, source, batch);
      report.created += plan.created.length;
      report.updated += plan.updated.length;
      report.unchanged += plan.unchanged;
    }
  }
  if (report.errorCount > 0) return { ...report, created: 0, updated: 0, unchanged: 0 };
  if (options.dryRun) return report;

  const check: ImportReport = { ...report, rows: 0, errorCount: 0, errors: [] };
  for await (const batch of validBatches(await open(), options.format, check)) {
    const plan = await writeBatch(dataSource, viewer, source, batch);
    report.created += plan.created.length;
    report.updated += plan.updated.length;
    report.unchanged += plan.unchanged;
  }
  report.written = report.created + report.updated > 0;
  if (check.errorCount > 0 || check.rows !== report.rows) throw conflict("The file changed between its check and its import; import it again");
  return report;
}

/** The file's valid lines in batches; every error goes to the report (listed up to the limit). */
async function* validBatches(input: Readable, format: ImportFileFormat, report: ImportReport): AsyncGenerator<Batch> {
  const fail = (error: LineError) => {
    report.errorCount++;
    if (report.errors.length < IMPORT_ERRORS_LISTED) report.errors.push(error);
  };
  let headers: string[] | null = null;
  const seen = new Map<string, number>();
  let batch: ImportedProject[] = [];
  let columns = new Set<string>();
  try {
    for await (const { line, values } of readRows(input, format)) {
      if (values.every((value) => value.trim() === "")) continue;
      if (!headers) {
        headers = values.map(normaliseHeader);
        const headerErrors = checkHeaders(headers, line);
        if (headerErrors.length > 0) {
          headerErrors.forEach(fail);
          return;
        }
        columns = new Set(headers);
        continue;
      }
      report.rows++;
      if (values.some((value) => value.includes("\uFFFD"))) {
        fail({ line, column: null, message: "Caractères illisibles : enregistrez le fichier en « CSV UTF-8 »" });
        continue;
      }
      if (values.slice(headers.length).some((value) => value.trim() !== "")) {
        fail({ line, column: null, message: `Plus de cellules (${values.length}) que de colonnes (${headers.length})` });
        continue;
      }
      const check = checkImportRow(line, Object.fromEntries(headers.map((header, i) => [header, values[i] ?? ""])));
      if (!check.ok) {
        check.errors.forEach(fail);
        continue;
      }
      const earlier = seen.get(check.project.externalId);
      if (earlier !== undefined) {
        fail({ line, column: "identifiant_externe", message: `Identifiant externe « ${check.project.externalId} » déjà présent ligne ${earlier}` });
        continue;
      }
      seen.set(check.project.externalId, line);
      batch.push(check.project);
      if (batch.length >= IMPORT_BATCH) {
        yield { projects: batch, columns };
        batch = [];
      }
    }
  } catch (error) {
    // A file the reader cannot read at all (an unclosed quote, not an XLSX workbook).
    fail({ line: report.rows + 1, column: null, message: `Fichier illisible en ${format} : ${(error as Error).message.slice(0, 200)}` });
    return;
  }
  if (!headers) fail({ line: 1, column: null, message: "Fichier vide : la première ligne doit nommer les colonnes" });
  if (batch.length > 0) yield { projects: batch, columns };
}

/** Valid lines, and the columns the file has: a column it lacks leaves that field of existing projects as it is. */
interface Batch {
  projects: ImportedProject[];
  columns: ReadonlySet<string>;
}

/** The optional columns and the fields they fill (an absent one keeps the project's value; an empty cell clears it). */
const OPTIONAL_FIELDS: [string, keyof ImportedProject, keyof ExistingRow][] = [
  ["description", "description", "description"],
  ["thematiques", "themes", "themes"],
  ["programmes", "programmes", "programmes"],
  ["phase", "phase", "phase"],
  ["budget", "budgetEuros", "budget_euros"],
  ["date_debut", "startDate", "start_date"],
  ["date_fin", "endDate", "end_date"],
];

interface ExistingRow {
  id: string;
  external_id: string;
  title: string;
  description: string;
  themes: string[];
  programmes: string[];
  phase: string;
  budget_euros: string | null;
  start_date: string | null;
  end_date: string | null;
  status: ProjectStatus;
  territory_id: string;
  owner_id: string;
}

interface BatchPlan {
  created: ImportedProject[];
  updated: { id: string; project: ImportedProject; fields: string[]; from: ProjectStatus }[];
  unchanged: number;
}

/** Which lines create a project, which change one (and which fields), which change nothing. */
async function planBatch(manager: EntityManager, source: string, { projects: batch, columns }: Batch, lock = false): Promise<BatchPlan> {
  const rows = await manager.query<ExistingRow[]>(
    `SELECT id, external_id, title, description, themes, programmes, phase, budget_euros, start_date::text, end_date::text, status, territory_id, owner_id
       FROM project WHERE external_source = $1 AND external_id = ANY($2::text[]) ORDER BY id${lock ? " FOR UPDATE" : ""}`,
    [source, batch.map((p) => p.externalId)],
  );
  const existing = new Map(rows.map((row) => [row.external_id, row]));
  const plan: BatchPlan = { created: [], updated: [], unchanged: 0 };
  for (const line of batch) {
    const row = existing.get(line.externalId);
    if (!row) {
      plan.created.push(line);
      continue;
    }
    const project = { ...line };
    for (const [column, field, stored] of OPTIONAL_FIELDS) {
      if (!columns.has(column)) Object.assign(project, { [field]: field === "budgetEuros" && row[stored] !== null ? Number(row[stored]) : row[stored] });
    }
    const fields = changedFields(row, project);
    if (fields.length === 0) plan.unchanged++;
    else plan.updated.push({ id: row.id, project, fields, from: row.status });
  }
  return plan;
}

/** The fields (named as in the API) an imported line changes on its project. */
function changedFields(row: ExistingRow, project: ImportedProject): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const pairs: [string, unknown, unknown][] = [
    ["territoryId", row.territory_id, project.territoryId],
    ["title", row.title, project.title],
    ["description", row.description, project.description],
    ["themes", row.themes, project.themes],
    ["programmes", row.programmes, project.programmes],
    ["phase", row.phase, project.phase],
    ["budgetEuros", row.budget_euros === null ? null : Number(row.budget_euros), project.budgetEuros],
    ["startDate", row.start_date, project.startDate],
    ["endDate", row.end_date, project.endDate],
    ["status", row.status, project.status],
  ];
  return pairs.filter(([, before, after]) => !same(before, after)).map(([name]) => name);
}

const RECORD = `r(id uuid, external_id text, title text, description text, themes text[], programmes text[], phase text, budget_euros bigint,
  start_date date, end_date date, status text, territory_id text, territory_ids text[], owner_id text)`;

function recordOf(project: ImportedProject, id?: string) {
  return {
    id: id ?? null,
    external_id: project.externalId,
    title: project.title,
    description: project.description,
    themes: project.themes,
    programmes: project.programmes,
    phase: project.phase,
    budget_euros: project.budgetEuros,
    start_date: project.startDate,
    end_date: project.endDate,
    status: project.status,
    territory_id: project.territoryId,
    territory_ids: project.territoryIds,
    owner_id: project.ownerId,
  };
}

/** Writes one batch and its journal entries in one transaction. */
function writeBatch(dataSource: DataSource, viewer: Viewer, source: string, batch: Batch): Promise<BatchPlan> {
  return dataSource
    .transaction(async (manager) => {
      const plan = await planBatch(manager, source, batch, true);
      const created = plan.created.length
        ? await manager.query<{ id: string; external_id: string }[]>(
            `INSERT INTO project (external_source, external_id, title, description, themes, programmes, phase, budget_euros, start_date, end_date, status, territory_id, territory_ids, owner_id, created_by_id, submitted_at)
             SELECT $2, external_id, title, description, themes, programmes, phase, budget_euros, start_date, end_date, status, territory_id, territory_ids, owner_id, $3,
                    CASE WHEN status = 'DRAFT' THEN NULL ELSE now() END
               FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
             RETURNING id, external_id`,
            [JSON.stringify(plan.created.map((p) => recordOf(p))), source, viewer.personId],
          )
        : [];
      if (plan.updated.length) {
        await manager.query(
          `UPDATE project p SET title = r.title, description = r.description, themes = r.themes, programmes = r.programmes, phase = r.phase,
                  budget_euros = r.budget_euros, start_date = r.start_date, end_date = r.end_date, status = r.status, territory_id = r.territory_id,
                  territory_ids = r.territory_ids, owner_id = r.owner_id, other_commune_ids = array_remove(p.other_commune_ids, r.territory_id),
                  submitted_at = CASE WHEN r.status = 'DRAFT' THEN p.submitted_at ELSE coalesce(p.submitted_at, now()) END,
                  version = p.version + 1, updated_at = now()
             FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
            WHERE p.id = r.id`,
          [JSON.stringify(plan.updated.map((u) => recordOf(u.project, u.id)))],
        );
      }
      const ids = new Map(created.map((row) => [row.external_id, row.id]));
      await appendActivities(manager, [
        ...plan.created.map((project) => ({
          kind: ActivityKind.PROJECT_CREATED,
          projectId: ids.get(project.externalId) ?? "",
          actorId: viewer.personId,
          summary: `Projet « ${project.title} » importé (${source})`,
          payload: { status: project.status, territoryIds: project.territoryIds, themes: project.themes, imported: { source, externalId: project.externalId } },
        })),
        ...plan.updated.map(({ id, project, fields, from }) => ({
          kind: ActivityKind.PROJECT_UPDATED,
          projectId: id,
          actorId: viewer.personId,
          summary: `Projet « ${project.title} » mis à jour par import (${fields.join(", ")})`,
          payload: { fields, ...(fields.includes("status") ? { from, to: project.status } : {}), imported: { source, externalId: project.externalId } },
        })),
      ]);
      return plan;
    })
    .catch((error: unknown) => {
      // Another import of the same source created one of these projects meanwhile.
      if ((error as { code?: string }).code === "23505") throw conflict("Another import of the same source is running; import the file again once it has finished");
      throw error;
    });
}

/** The report as text, for `npm run import`: a summary line, then one line per error listed. */
export function describeImportReport(report: ImportReport): string {
  const outcome = report.dryRun ? "dry run, nothing written" : report.written ? "written" : "nothing written";
  const lines = [
    `source ${report.source}: ${report.rows} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errorCount} errors (${outcome})`,
    ...report.errors.map((e) => `  ligne ${e.line}${e.column ? `, colonne ${e.column}` : ""} : ${e.message}`),
  ];
  if (report.errorCount > report.errors.length) lines.push(`  … and ${report.errorCount - report.errors.length} more errors`);
  return lines.join("\n");
}
