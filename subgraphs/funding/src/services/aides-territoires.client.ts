import { upstreamUnavailable } from "@hub/kit";

/** The `/api/aids/` result fields the hub reads (EXTERNAL-APIS.md §1.5). */
export interface AtAidResult {
  id: number;
  slug: string;
  url: string;
  name: string;
  financers: string[];
  categories: string[];
  perimeter: string | null;
  aid_types: string[];
  aid_types_full: { id: number; name: string; group: { id: number; name: string } }[];
  submission_deadline: string | null;
  subvention_rate_upper_bound: number | null;
  is_call_for_project: boolean | null;
}

export interface AtPage<T> {
  count: number;
  previous: string | null;
  next: string | null;
  results: T[];
}

export interface AidesTerritoiresClientOptions {
  /** API root, e.g. https://aides-territoires.beta.gouv.fr (no trailing /api). */
  baseUrl: string;
  /** The account's API key, sent as X-AUTH-TOKEN to /api/connexion/ only. */
  apiKey: string;
  /** Per-request timeout in milliseconds (default 5,000). */
  timeoutMs?: number;
}

/** The real API's page size limit. */
export const AT_MAX_PAGE_SIZE = 100;
/** JWTs live 24 h; renew a little before. */
const TOKEN_LIFETIME_MS = 23 * 3600 * 1000;

/**
 * HTTP client of the Aides-Territoires API: exchanges the API key for a JWT, caches it ~23 h,
 * logs in again once on a 401, and turns network failures into UPSTREAM_UNAVAILABLE errors.
 */
export class AidesTerritoiresClient {
  private token: { value: string; expiresAt: number } | null = null;
  private login: Promise<string> | null = null;

  constructor(private readonly options: AidesTerritoiresClientOptions) {}

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
      const page = await this.get<AtPage<{ id: string; code: string }>>("/api/perimeters/", params);
      for (const perimeter of page.results) found.set(perimeter.code, parseInt(perimeter.id, 10));
    }
    return found;
  }

  /**
   * The perimeter id of an EPCI: the API finds EPCI by name (`q`, `scale=epci`), and their
   * `code` is the SIREN, which picks the right one among homonyms. Null when none matches.
   */
  async epciPerimeter(siren: string, name: string): Promise<number | null> {
    const params = new URLSearchParams({ scale: "epci", q: name, itemsPerPage: String(AT_MAX_PAGE_SIZE) });
    const page = await this.get<AtPage<{ id: string; code: string }>>("/api/perimeters/", params);
    const perimeter = page.results.find((p) => p.code === siren);
    return perimeter ? parseInt(perimeter.id, 10) : null;
  }

  /** Published aids for a perimeter and categories, for collectivités. `page` is 1-based. */
  searchAids(criteria: { perimeterId: number; categorySlugs: string[]; page: number; itemsPerPage: number }): Promise<AtPage<AtAidResult>> {
    const params = new URLSearchParams({
      perimeter_id: String(criteria.perimeterId),
      itemsPerPage: String(Math.min(criteria.itemsPerPage, AT_MAX_PAGE_SIZE)),
      page: String(criteria.page),
    });
    params.append("organization_type_slugs", "commune");
    for (const slug of criteria.categorySlugs) params.append("category_slugs", slug);
    return this.get("/api/aids/", params);
  }

  /** One aid by id, or null when the API answers 404. */
  async aid(id: number): Promise<AtAidResult | null> {
    return this.get<AtAidResult>(`/api/aids/by-id/${id}/`, new URLSearchParams(), true);
  }

  private async get<T>(path: string, params: URLSearchParams, nullOn404 = false): Promise<T> {
    const query = params.toString();
    const url = new URL(`${path}${query ? `?${query}` : ""}`, this.options.baseUrl);
    for (let attempt = 0; ; attempt++) {
      const token = await this.currentToken();
      const response = await this.fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
      if (response.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      if (response.status === 404 && nullOn404) return null as T;
      if (!response.ok) throw upstreamUnavailable(`Aides-Territoires answered ${response.status}`);
      return (await response.json()) as T;
    }
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
    if (!response.ok) throw upstreamUnavailable(`Aides-Territoires refused the API key (${response.status})`);
    const body = (await response.json()) as { token?: unknown };
    if (typeof body.token !== "string") throw upstreamUnavailable("Aides-Territoires sent no token");
    this.token = { value: body.token, expiresAt: Date.now() + TOKEN_LIFETIME_MS };
    return body.token;
  }

  private async fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch {
      throw upstreamUnavailable("Aides-Territoires is unreachable");
    }
  }
}
