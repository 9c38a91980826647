import { badInput, hubError, retryAfterMs, upstreamUnavailable } from "@hub/kit";
import type { GraphQLError } from "graphql";
import type { GristColumn, GristErrorBody, GristNewColumn, GristUpsertRecord } from "./grist.types";

export interface GristClientOptions {
  /** The API root, `https://<host>/api` or `https://<host>/o/<org>/api` (GRIST_URL). */
  baseUrl: string;
  /** A user's API key, sent as `Authorization: Bearer` (GRIST_API_KEY). */
  apiKey: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Retries of a 429 before giving up (default 5). */
  maxRetries?: number;
  /** The wait after a 429 without Retry-After; doubled at each retry (default 1 s). */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails at once (default 60 s). */
  maxRetryAfterMs?: number;
  /** The largest JSON body sent (default 900 kB: Grist refuses bodies over 1 MB). */
  maxBodyBytes?: number;
  /** The most records sent in one request (default 500). */
  maxRecordsPerRequest?: number;
}

/** What one add-or-update of many records cost. */
export interface GristUpsertReport {
  records: number;
  requests: number;
}

/**
 * HTTP client of the Grist REST API (docs/external-apis.md, "Grist"): columns listed and added,
 * records added or updated on a key column, in batches under Grist's 1 MB body limit. Requests
 * to one document go one at a time (Grist answers 429 past a few parallel requests per
 * document), and a 429 is retried after its Retry-After. Every failure becomes a GraphQL error
 * with a code and a French message.
 */
export class GristClient {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxRecordsPerRequest: number;
  /** The tail of each document's queue of requests. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: GristClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 900_000;
    this.maxRecordsPerRequest = options.maxRecordsPerRequest ?? 500;
  }

  /** GET /docs/{docId}/tables/{tableId}/columns (hidden ones too: a hidden column still exists). */
  async listColumns(docId: string, tableId: string): Promise<GristColumn[]> {
    const body = await this.request<{ columns?: GristColumn[] }>(docId, "GET", `${this.tablePath(docId, tableId)}/columns?hidden=true`);
    if (!Array.isArray(body?.columns)) throw upstreamUnavailable("Grist a renvoyé une liste de colonnes illisible.");
    return body.columns;
  }

  /** POST /docs/{docId}/tables/{tableId}/columns; returns the ids Grist gave them. */
  async addColumns(docId: string, tableId: string, columns: GristNewColumn[]): Promise<string[]> {
    if (columns.length === 0) return [];
    const body = await this.request<{ columns?: { id: string }[] }>(docId, "POST", `${this.tablePath(docId, tableId)}/columns`, { columns });
    return (body?.columns ?? []).map((c) => c.id);
  }

  /** Adds the columns the table lacks (compared by id); returns the ids added. */
  async ensureColumns(docId: string, tableId: string, wanted: GristNewColumn[]): Promise<string[]> {
    const existing = new Set((await this.listColumns(docId, tableId)).map((c) => c.id));
    return this.addColumns(
      docId,
      tableId,
      wanted.filter((c) => !existing.has(c.id)),
    );
  }

  /**
   * PUT /docs/{docId}/tables/{tableId}/records?noparse=true: adds or updates each record matched
   * on its `require` columns, in batches under the body limit, one after the other.
   */
  async upsertRecords(docId: string, tableId: string, records: GristUpsertRecord[]): Promise<GristUpsertReport> {
    let requests = 0;
    for (const batch of this.batches(records)) {
      // The answer differs between Grist versions (null, or the ids): not read.
      await this.request(docId, "PUT", `${this.tablePath(docId, tableId)}/records?noparse=true`, { records: batch });
      requests += 1;
    }
    return { records: records.length, requests };
  }

  /** Records in batches of at most maxRecordsPerRequest whose JSON body stays under maxBodyBytes. */
  batches(records: GristUpsertRecord[]): GristUpsertRecord[][] {
    const batches: GristUpsertRecord[][] = [];
    // `{"records":[` + `]}`, then each record and its comma.
    const envelope = 14;
    let current: GristUpsertRecord[] = [];
    let size = envelope;
    for (const record of records) {
      const bytes = Buffer.byteLength(JSON.stringify(record)) + 1;
      if (envelope + bytes > this.maxBodyBytes) throw badInput(`Un projet dépasse à lui seul la taille maximale d’un envoi à Grist (${this.maxBodyBytes} octets).`);
      if (current.length > 0 && (current.length >= this.maxRecordsPerRequest || size + bytes > this.maxBodyBytes)) {
        batches.push(current);
        current = [];
        size = envelope;
      }
      current.push(record);
      size += bytes;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  private tablePath(docId: string, tableId: string): string {
    return `docs/${encodeURIComponent(docId)}/tables/${encodeURIComponent(tableId)}`;
  }

  /** One request, queued behind the document's others, retried after a 429. */
  private request<T>(docId: string, method: string, path: string, body?: unknown): Promise<T | null> {
    const previous = this.queues.get(docId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.send<T>(method, path, body));
    const tail = run.catch(() => undefined);
    this.queues.set(docId, tail);
    // The queue forgets a document once its last request is done.
    void tail.then(() => {
      if (this.queues.get(docId) === tail) this.queues.delete(docId);
    });
    return run;
  }

  private async send<T>(method: string, path: string, body: unknown): Promise<T | null> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(method, path, body);
      if (result.ok) return result.body as T | null;
      const wait = result.retryAfterMs ?? this.backoffMs * 2 ** attempt;
      if (!result.retryable || attempt >= this.maxRetries || wait > this.maxRetryAfterMs) throw result.error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async attempt(method: string, path: string, body: unknown): Promise<{ ok: true; body: unknown } | { ok: false; retryable: boolean; retryAfterMs: number | null; error: GraphQLError }> {
    const base = this.options.baseUrl.endsWith("/") ? this.options.baseUrl : `${this.options.baseUrl}/`;
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers: { Authorization: `Bearer ${this.options.apiKey}`, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      return { ok: false, retryable: false, retryAfterMs: null, error: upstreamUnavailable(timedOut ? `Grist n’a pas répondu en ${this.timeoutMs / 1000} s.` : "Grist est injoignable.") };
    }
    const text = await response.text().catch(() => "");
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      if (response.ok) return { ok: false, retryable: false, retryAfterMs: null, error: upstreamUnavailable(`Grist a renvoyé une réponse illisible (HTTP ${response.status}).`) };
    }
    if (response.ok) return { ok: true, body: parsed };
    const message = describe(parsed, text);
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers.get("retry-after"));
      return {
        ok: false,
        retryable: true,
        retryAfterMs: wait,
        error: hubError("UPSTREAM_UNAVAILABLE", `Grist limite le nombre d’appels sur ce document (${message}) : réessayez plus tard.`, {
          reason: "GRIST_RATE_LIMITED",
          ...(wait === null ? {} : { retryAfterSeconds: Math.ceil(wait / 1000) }),
        }),
      };
    }
    if (response.status === 401 || response.status === 403) {
      return { ok: false, retryable: false, retryAfterMs: null, error: hubError("UPSTREAM_UNAVAILABLE", `Grist a refusé la clé d’API du hub (${message}).`, { reason: "GRIST_KEY_REFUSED" }) };
    }
    if (response.status === 404) {
      return { ok: false, retryable: false, retryAfterMs: null, error: hubError("BAD_USER_INPUT", `Document ou table introuvable dans Grist (${message}).`, { reason: "GRIST_NOT_FOUND" }) };
    }
    if (response.status === 400 || response.status === 413) {
      return { ok: false, retryable: false, retryAfterMs: null, error: hubError("BAD_USER_INPUT", `Grist a refusé l’envoi : ${message}`, { reason: "GRIST_REFUSED" }) };
    }
    return { ok: false, retryable: false, retryAfterMs: null, error: upstreamUnavailable(`Grist est indisponible (erreur ${response.status}).`) };
  }
}

/** Grist's own message (`{ "error": … }`), cut short. */
function describe(body: unknown, text: string): string {
  const error = typeof body === "object" && body !== null ? (body as Partial<GristErrorBody>).error : undefined;
  return (typeof error === "string" ? error : text || "sans détail").slice(0, 300);
}
