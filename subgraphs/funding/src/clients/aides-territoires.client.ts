import { CircuitBreaker, retryAfterMs, upstreamUnavailable, type CircuitBreakerOptions } from "@hub/kit";
import { normaliseAid, type AidSearchCriteria, type AtAidResult, type AtPage, type Conditional } from "./aides-territoires.types";

export * from "./aides-territoires.types";

export interface AidesTerritoiresClientOptions {
  /** API root, e.g. https://aides-territoires.beta.gouv.fr (no trailing /api). */
  baseUrl: string;
  /** The account's API key, sent as X-AUTH-TOKEN to /api/connexion/ only. */
  apiKey: string;
  /** Per-attempt timeout in milliseconds (default 5,000). */
  timeoutMs?: number;
  /** Retries after a 5xx, a 429, a malformed body, a timeout or a network error (default 2). */
  retries?: number;
  /** First backoff delay, doubled at each retry, plus up to as much jitter (default 200 ms). */
  backoffMs?: number;
  /** The longest Retry-After honoured; a longer one ends the call at once (default 5,000 ms). */
  maxRetryAfterMs?: number;
  breaker?: CircuitBreakerOptions;
}

/** The real API's page size limit. */
export const AT_MAX_PAGE_SIZE = 100;
/** JWTs live 24 h; renew a little before. */
const TOKEN_LIFETIME_MS = 23 * 3600 * 1000;

/** What the client did, for tests and the bench. */
export interface ClientStats {
  /** HTTP requests sent (logins included). */
  requests: number;
  retries: number;
  /** Calls refused at once because the circuit was open. */
  shortCircuited: number;
}

interface CallOptions {
  etag?: string | null;
  nullOn404?: boolean;
  /** Overrides `retries` (0 when a cached answer can be served instead). */
  retries?: number;
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/**
 * HTTP client of the Aides-Territoires API: exchanges the API key for a JWT (cached ~23 h,
 * renewed once on a 401), retries 5xx/429/network failures with exponential backoff (honouring
 * Retry-After up to a cap), sends If-None-Match when it has an ETag, and stops calling while its
 * circuit breaker is open. Every failure it gives up on is an UPSTREAM_UNAVAILABLE GraphQLError.
 */
export class AidesTerritoiresClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, shortCircuited: 0 };
  readonly breaker: CircuitBreaker;
  private token: { value: string; expiresAt: number } | null = null;
  private login: Promise<string> | null = null;

  constructor(private readonly options: AidesTerritoiresClientOptions) {
    this.breaker = new CircuitBreaker(options.breaker);
  }

  /** Public site URL of an aid (the API gives a path). */
  siteUrl(path: string): string {
    return new URL(path, this.options.baseUrl).toString();
  }

  /** The perimeter ids of communes by INSEE code, in one request per 100 codes. */
  async communePerimeters(inseeCodes: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let start = 0; start < inseeCodes.length; start += AT_MAX_PAGE_SIZE) {
      const params = new URLSearchParams({ scale: "commune", itemsPerPage: String(AT_MAX_PAGE_SIZE) });
      for (const code of inseeCodes.slice(start, start + AT_MAX_PAGE_SIZE)) params.append("insees", code);
      const page = await this.body<Partial<AtPage<{ id: string; code: string }>> | null>("/api/perimeters/", params);
      for (const perimeter of page?.results ?? []) found.set(perimeter.code, parseInt(perimeter.id, 10));
    }
    return found;
  }

  /**
   * The perimeter id of an EPCI, département or région: the API finds them by name (`q`,
   * `scale`), and their `code` (SIREN, INSEE code) picks the right one among homonyms.
   */
  async namedPerimeter(scale: "epci" | "department" | "region", code: string, name: string): Promise<number | null> {
    const params = new URLSearchParams({ scale, q: name, itemsPerPage: String(AT_MAX_PAGE_SIZE) });
    const page = await this.body<Partial<AtPage<{ id: string; code: string }>> | null>("/api/perimeters/", params);
    const perimeter = (page?.results ?? []).find((p) => p.code === code);
    return perimeter ? parseInt(perimeter.id, 10) : null;
  }

  /** One page (1-based, 100 aids) of published aids matching the criteria. */
  async searchAids(criteria: AidSearchCriteria, page: number, options: CallOptions = {}): Promise<Conditional<AtPage<AtAidResult>>> {
    const params = new URLSearchParams({ perimeter_id: String(criteria.perimeterId), organization_type_slugs: criteria.audience });
    for (const slug of criteria.categorySlugs) params.append("category_slugs", slug);
    for (const slug of criteria.stepSlugs) params.append("aid_step_slugs", slug);
    params.set("itemsPerPage", String(AT_MAX_PAGE_SIZE));
    params.set("page", String(page));
    const answer = await this.call<Partial<AtPage<unknown>> | null>("/api/aids/", params, options);
    if (answer.notModified) return answer;
    const raw = answer.body;
    if (typeof raw?.count !== "number" || !Array.isArray(raw.results)) throw upstreamUnavailable("Aides-Territoires sent a malformed aid list");
    const results = raw.results.map(normaliseAid).filter((aid): aid is AtAidResult => aid !== null);
    return { notModified: false, etag: answer.etag, body: { count: raw.count, previous: raw.previous ?? null, next: raw.next ?? null, results } };
  }

  /** One page (1-based, 100 aids) of every published engineering aid (`aid_type_group_slug=technical-group`), for the library's import. */
  async engineeringAids(page: number): Promise<AtPage<AtAidResult>> {
    const params = new URLSearchParams({ aid_type_group_slug: "technical-group", itemsPerPage: String(AT_MAX_PAGE_SIZE), page: String(page) });
    const raw = await this.body<Partial<AtPage<unknown>> | null>("/api/aids/", params);
    if (typeof raw?.count !== "number" || !Array.isArray(raw.results)) throw upstreamUnavailable("Aides-Territoires sent a malformed aid list");
    const results = raw.results.map(normaliseAid).filter((aid): aid is AtAidResult => aid !== null);
    return { count: raw.count, previous: raw.previous ?? null, next: raw.next ?? null, results };
  }

  /** One aid by id; null when the API answers 404. */
  async aid(id: number, options: CallOptions = {}): Promise<Conditional<AtAidResult | null>> {
    const answer = await this.call<unknown>(`/api/aids/by-id/${id}/`, new URLSearchParams(), { ...options, nullOn404: true });
    if (answer.notModified) return answer;
    if (answer.body === null) return { notModified: false, etag: null, body: null };
    const aid = normaliseAid(answer.body);
    if (!aid) throw upstreamUnavailable("Aides-Territoires sent a malformed aid");
    return { ...answer, body: aid };
  }

  private async body<T>(path: string, params: URLSearchParams): Promise<T> {
    const answer = await this.call<T>(path, params, {});
    if (answer.notModified) throw upstreamUnavailable("Aides-Territoires answered 304 to an unconditional request");
    return answer.body;
  }

  private async call<T>(path: string, params: URLSearchParams, options: CallOptions): Promise<Conditional<T>> {
    if (!this.breaker.tryAcquire()) {
      this.stats.shortCircuited += 1;
      throw upstreamUnavailable("Aides-Territoires is unavailable (circuit open after repeated failures)");
    }
    const query = params.toString();
    const url = new URL(`${path}${query ? `?${query}` : ""}`, this.options.baseUrl);
    const retries = options.retries ?? this.options.retries ?? 2;
    let renewed = false;
    let lastProblem: string;
    for (let attempt = 0; ; attempt++) {
      try {
        const token = await this.currentToken();
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
        if (options.etag) headers["if-none-match"] = options.etag;
        const response = await this.fetch(url, { headers });
        if (response.status === 401 && !renewed) {
          // Expired or revoked JWT: log in again, once, without counting an attempt.
          await discard(response);
          renewed = true;
          this.token = null;
          attempt -= 1;
          continue;
        }
        const result = await this.read<T>(response, options);
        this.breaker.success();
        return result;
      } catch (error) {
        if (!(error instanceof RetryableError)) {
          // An answer that says the upstream is alive but refuses us (key, 4xx): no retry.
          this.breaker.success();
          throw error;
        }
        lastProblem = error.message;
        if (attempt >= retries) break;
        if (error.retryAfterMs !== null && error.retryAfterMs > (this.options.maxRetryAfterMs ?? 5000)) break;
        const base = (this.options.backoffMs ?? 200) * 2 ** attempt;
        const delay = error.retryAfterMs ?? base + Math.random() * base;
        this.stats.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    this.breaker.failure();
    throw upstreamUnavailable(`Aides-Territoires is unavailable (${lastProblem})`);
  }

  private async read<T>(response: Response, options: CallOptions): Promise<Conditional<T>> {
    if (response.status === 304 && options.etag) return { notModified: true };
    if (response.status === 404 && options.nullOn404) return { notModified: false, etag: null, body: null as T };
    if (response.status === 429 || response.status >= 500) {
      await discard(response);
      throw new RetryableError(`${response.status}`, retryAfterMs(response.headers.get("retry-after")));
    }
    if (response.status === 401) throw upstreamUnavailable("Aides-Territoires refused the renewed token (401)");
    if (!response.ok) throw upstreamUnavailable(`Aides-Territoires answered ${response.status}`);
    let body: T;
    try {
      body = JSON.parse(await response.text()) as T;
    } catch {
      throw new RetryableError("malformed JSON");
    }
    return { notModified: false, body, etag: response.headers.get("etag") };
  }

  private currentToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return Promise.resolve(this.token.value);
    this.login ??= this.requestToken().finally(() => {
      this.login = null;
    });
    return this.login;
  }

  private async requestToken(): Promise<string> {
    const response = await this.fetch(new URL("/api/connexion/", this.options.baseUrl), { method: "POST", headers: { "x-auth-token": this.options.apiKey } });
    if (response.status === 429 || response.status >= 500) throw new RetryableError(`login ${response.status}`, retryAfterMs(response.headers.get("retry-after")));
    if (!response.ok) throw upstreamUnavailable(`Aides-Territoires refused the API key (${response.status})`);
    let body: { token?: unknown };
    try {
      body = (await response.json()) as { token?: unknown };
    } catch {
      throw new RetryableError("malformed login answer");
    }
    if (typeof body.token !== "string") throw upstreamUnavailable("Aides-Territoires sent no token");
    this.token = { value: body.token, expiresAt: Date.now() + TOKEN_LIFETIME_MS };
    return body.token;
  }

  private async fetch(url: URL, init: RequestInit): Promise<Response> {
    this.stats.requests += 1;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch (error) {
      throw new RetryableError((error as Error).name === "TimeoutError" ? "timeout" : "unreachable");
    }
  }
}

/** Reads and drops a body, so that the connection can be reused. */
const discard = (response: Response) => response.arrayBuffer().catch(() => undefined);
