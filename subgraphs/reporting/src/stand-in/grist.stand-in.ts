import express from "express";

/**
 * A local stand-in for the Grist REST API (docs/external-apis.md, "Grist"), with documents in
 * memory: Bearer API key, tables, columns (list, add), records (list, add, add-or-update with
 * `require`), Grist's error envelope `{ "error": … }`, its 1 MB body limit and its 429 when too
 * many requests to one document are in flight. Tests and `npm start` run it; tests also queue
 * 429 answers and read what it received.
 */
export interface GristStandInOptions {
  /** The API keys accepted (default: ["dev-grist-key"]). */
  apiKeys?: string[];
  /** Requests in flight on one document beyond this get a 429, as GRIST_MAX_PARALLEL_REQUESTS_PER_DOC does (default 10). */
  maxParallelPerDocument?: number;
  /** Documents to create at start, each with its tables (no columns). */
  documents?: Record<string, string[]>;
  /** How long each request takes (default 0): lets tests see requests overlap, or not. */
  delayMs?: number;
}

export type StandInCellValue = string | number | boolean | null;

export interface StandInColumn {
  id: string;
  fields: { colRef: number; label: string; type: string; isFormula: boolean; formula: string; widgetOptions: string };
}

export interface StandInTable {
  columns: StandInColumn[];
  records: { id: number; fields: Record<string, StandInCellValue> }[];
}

export interface GristStandInStats {
  /** Requests received by the API (faults included). */
  requests: number;
  /** PUT …/records calls, and the number of records in each. */
  upserts: number[];
  /** The largest request body received, in bytes. */
  largestBody: number;
  /** The most requests ever in flight at once on one document. */
  maxInFlight: number;
  /** 429 answers sent. */
  rateLimited: number;
}

export interface GristStandIn {
  app: express.Express;
  documents: Map<string, Map<string, StandInTable>>;
  stats: GristStandInStats;
  /** Creates a document (or adds tables to it). */
  createDocument(docId: string, tables: string[]): void;
  /** The next `count` requests get a 429 with this Retry-After (seconds; omitted when null). */
  rateLimitNext(count: number, retryAfterSeconds: number | null): void;
  /** Every request takes this long from now on (a slow Grist). */
  slowDown(delayMs: number): void;
  /** A table's records as `{ column: value }` objects, in row order. */
  rows(docId: string, tableId: string): Record<string, StandInCellValue>[];
}

export const DEV_GRIST_API_KEY = "dev-grist-key";

const COLUMN_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createGristStandIn(options: GristStandInOptions = {}): GristStandIn {
  const keys = new Set(options.apiKeys ?? [DEV_GRIST_API_KEY]);
  const maxParallel = options.maxParallelPerDocument ?? 10;
  const documents = new Map<string, Map<string, StandInTable>>();
  const stats: GristStandInStats = { requests: 0, upserts: [], largestBody: 0, maxInFlight: 0, rateLimited: 0 };
  const inFlight = new Map<string, number>();
  const limited: (number | null)[] = [];
  let nextColRef = 1;
  let delayMs = options.delayMs ?? 0;

  const createDocument = (docId: string, tables: string[]) => {
    const document = documents.get(docId) ?? new Map<string, StandInTable>();
    for (const table of tables) if (!document.has(table)) document.set(table, { columns: [], records: [] });
    documents.set(docId, document);
  };
  for (const [docId, tables] of Object.entries(options.documents ?? {})) createDocument(docId, tables);

  const app = express();
  app.disable("x-powered-by");
  const fail = (response: express.Response, status: number, error: string) => response.status(status).json({ error });

  // Authentication, the queued 429s, and the per-document limit of requests in flight.
  app.use("/api", (request, response, next) => {
    stats.requests += 1;
    stats.largestBody = Math.max(stats.largestBody, Number(request.header("content-length") ?? 0));
    const authorization = request.header("authorization");
    if (authorization !== undefined && !authorization.startsWith("Bearer ")) return void fail(response, 401, "Bad request: unsupported Authorization scheme, expected 'Bearer'");
    if (authorization === undefined) return void fail(response, 403, "No view access");
    if (!keys.has(authorization.slice("Bearer ".length))) return void fail(response, 401, "Bad request: invalid API key");
    const docId = /^\/docs\/([^/]+)/.exec(request.path)?.[1];
    if (limited.length > 0) {
      const retryAfter = limited.shift() ?? null;
      stats.rateLimited += 1;
      if (retryAfter !== null) response.set("Retry-After", String(retryAfter));
      return void fail(response, 429, `Too many backlogged requests for document ${docId ?? "?"} - try again later?`);
    }
    if (docId === undefined) {
      next();
      return;
    }
    const count = (inFlight.get(docId) ?? 0) + 1;
    if (count > maxParallel) {
      stats.rateLimited += 1;
      return void fail(response, 429, `Too many backlogged requests for document ${docId} - try again later?`);
    }
    inFlight.set(docId, count);
    stats.maxInFlight = Math.max(stats.maxInFlight, count);
    response.on("close", () => inFlight.set(docId, (inFlight.get(docId) ?? 1) - 1));
    setTimeout(next, delayMs);
  });
  app.use("/api", express.json({ limit: "1mb" }));

  const documentOf = (request: express.Request, response: express.Response) => {
    const document = documents.get(String(request.params.docId));
    if (!document) fail(response, 404, "document not found");
    return document;
  };
  const tableOf = (request: express.Request, response: express.Response) => {
    const document = documentOf(request, response);
    if (!document) return undefined;
    const table = document.get(String(request.params.tableId));
    if (!table) fail(response, 404, `Table not found "${String(request.params.tableId)}"`);
    return table;
  };
  /** The first column a set of values names that the table lacks. */
  const unknownColumn = (table: StandInTable, values: Record<string, unknown>) => Object.keys(values).find((id) => !table.columns.some((c) => c.id === id));
  const isRecord = (value: unknown): value is Record<string, StandInCellValue> =>
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));

  app.get("/api/docs/:docId/tables", (request, response) => {
    const document = documentOf(request, response);
    if (document) response.json({ tables: [...document.keys()].map((id, index) => ({ id, fields: { tableRef: index + 1, onDemand: false } })) });
  });

  app.get("/api/docs/:docId/tables/:tableId/columns", (request, response) => {
    const table = tableOf(request, response);
    if (table) response.json({ columns: table.columns });
  });

  app.post("/api/docs/:docId/tables/:tableId/columns", (request, response) => {
    const table = tableOf(request, response);
    if (!table) return;
    const columns = (request.body as { columns?: unknown }).columns;
    if (!Array.isArray(columns) || columns.length === 0) return void fail(response, 400, "Invalid payload: columns must be a non-empty array");
    const added: { id: string }[] = [];
    for (const column of columns as { id?: unknown; fields?: { label?: unknown; type?: unknown } }[]) {
      const wanted = typeof column.id === "string" && COLUMN_ID.test(column.id) ? column.id : "A";
      // Grist never reuses an id: it suffixes a taken one.
      let id = wanted;
      for (let n = 2; table.columns.some((c) => c.id === id); n++) id = `${wanted}${n}`;
      const label = typeof column.fields?.label === "string" ? column.fields.label : id;
      const type = typeof column.fields?.type === "string" ? column.fields.type : "Any";
      table.columns.push({ id, fields: { colRef: nextColRef++, label, type, isFormula: false, formula: "", widgetOptions: "" } });
      added.push({ id });
    }
    response.json({ columns: added });
  });

  app.get("/api/docs/:docId/tables/:tableId/records", (request, response) => {
    const table = tableOf(request, response);
    if (table) response.json({ records: table.records });
  });

  app.post("/api/docs/:docId/tables/:tableId/records", (request, response) => {
    const table = tableOf(request, response);
    if (!table) return;
    const records = (request.body as { records?: unknown }).records;
    if (!Array.isArray(records) || records.length === 0) return void fail(response, 400, "Invalid payload: records must be a non-empty array");
    const fields = records.map((r) => (r as { fields?: unknown }).fields ?? {});
    if (!fields.every(isRecord)) return void fail(response, 400, "Invalid payload: fields must be objects of cell values");
    const unknown = fields.map((f) => unknownColumn(table, f)).find((id) => id !== undefined);
    if (unknown !== undefined) return void fail(response, 400, `Invalid column "${unknown}"`);
    const ids = fields.map((f) => insert(table, f));
    response.json({ records: ids.map((id) => ({ id })) });
  });

  app.put("/api/docs/:docId/tables/:tableId/records", (request, response) => {
    const table = tableOf(request, response);
    if (!table) return;
    const records = (request.body as { records?: unknown }).records;
    if (!Array.isArray(records) || records.length === 0) return void fail(response, 400, "Invalid payload: records must be a non-empty array");
    const parsed = records as { require?: unknown; fields?: unknown }[];
    if (!parsed.every((r) => isRecord(r.require) && (r.fields === undefined || isRecord(r.fields))))
      return void fail(response, 400, "Invalid payload: each record needs require, and fields if any, as objects of cell values");
    for (const record of parsed) {
      const require = record.require as Record<string, StandInCellValue>;
      if (Object.keys(require).length === 0 && request.query.allow_empty_require !== "true") return void fail(response, 400, "Invalid payload: require is empty");
      const unknown = unknownColumn(table, require) ?? unknownColumn(table, (record.fields ?? {}) as Record<string, StandInCellValue>);
      if (unknown !== undefined) return void fail(response, 400, `Invalid column "${unknown}"`);
    }
    // One index of the rows by their `require` values (per set of columns), for this request.
    const indexes = new Map<string, Map<string, StandInTable["records"][number]>>();
    const keyOf = (columns: string[], values: Record<string, StandInCellValue>) => JSON.stringify(columns.map((c) => values[c] ?? null));
    for (const record of parsed) {
      const require = record.require as Record<string, StandInCellValue>;
      const fields = (record.fields ?? {}) as Record<string, StandInCellValue>;
      const columns = Object.keys(require).sort();
      let index = indexes.get(columns.join(","));
      if (!index) {
        index = new Map();
        for (const row of table.records) if (!index.has(keyOf(columns, row.fields))) index.set(keyOf(columns, row.fields), row);
        indexes.set(columns.join(","), index);
      }
      const found = index.get(keyOf(columns, require));
      if (found) {
        if (request.query.noupdate !== "true") Object.assign(found.fields, fields);
      } else if (request.query.noadd !== "true") {
        insert(table, { ...require, ...fields });
        const row = table.records[table.records.length - 1];
        index.set(keyOf(columns, row.fields), row);
      }
    }
    stats.upserts.push(parsed.length);
    // Older Grist answers null; grist-core ≥ 1.7.13 the ids. We answer as the older ones.
    response.json(null);
  });

  app.use("/api", (_request, response) => {
    fail(response, 404, "not found");
  });
  // express.json's errors: too large (413) or not JSON (400), in Grist's envelope.
  app.use((error: { status?: number; type?: string; message?: string }, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error.type === "entity.too.large") return void fail(response, 413, "request entity too large");
    fail(response, error.status ?? 500, error.message ?? "error");
  });

  return {
    app,
    documents,
    stats,
    createDocument,
    rateLimitNext: (count, retryAfterSeconds) => {
      for (let i = 0; i < count; i++) limited.push(retryAfterSeconds);
    },
    slowDown: (ms) => {
      delayMs = ms;
    },
    rows: (docId, tableId) => (documents.get(docId)?.get(tableId)?.records ?? []).map((r) => ({ ...r.fields })),
  };
}

/** Adds a row with every column (absent ones empty, as Grist does); returns its id. */
function insert(table: StandInTable, fields: Record<string, StandInCellValue>): number {
  const id = (table.records.at(-1)?.id ?? 0) + 1;
  const row: Record<string, StandInCellValue> = {};
  for (const column of table.columns) row[column.id] = Object.hasOwn(fields, column.id) ? fields[column.id] : column.fields.type === "Numeric" || column.fields.type === "Int" ? 0 : "";
  table.records.push({ id, fields: row });
  return id;
}
