import { hubError, retryAfterMs as parseRetryAfter, upstreamUnavailable } from "@hub/kit";
import type { GraphQLError } from "graphql";
import { DOSSIERS_SINCE_QUERY, type DsDossiersPage } from "./demarches-simplifiees.operations";

/** What the public prefill API answers for a dossier (POST 201, or one item of the GET list). */
export interface DsPrefilledDossier {
  dossier_url?: string;
  state: "prefilled" | "brouillon" | "en_construction" | "en_instruction" | "accepte" | "refuse" | "sans_suite";
  dossier_id: string;
  dossier_number: number;
  dossier_prefill_token: string;
  submitted_at?: string;
  processed_at?: string;
}

/** A dossier the prefill POST has just created: DS always gives its URL then. */
export type DsCreatedDossier = DsPrefilledDossier & { dossier_url: string };

export interface DsClientOptions {
  /** DS root, e.g. https://demarche.numerique.gouv.fr (DEMARCHES_SIMPLIFIEES_URL). */
  baseUrl: string;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Retries of a 429 (after its Retry-After) and, for reads only, of a 5xx or a timeout (default 2). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the call fails at once (default 10 s). */
  maxRetryAfterMs?: number;
  /** The wait before retrying a read after a 5xx or a timeout (default 250 ms). */
  backoffMs?: number;
}

type Attempt = { ok: true; status: number; body: unknown } | { ok: false; retryAfterMs: number | null; error: GraphQLError };

/**
 * HTTP client for Démarches Simplifiées: the public prefill API (no authentication) and the
 * GraphQL API v2 (Bearer token per démarche). Every failure becomes a GraphQL error with a code
 * and a French message; the prefill POST is never retried after a 5xx or a timeout (it may have
 * created a dossier), only after a 429 (refused before any work).
 */
export class DemarchesSimplifieesClient {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly backoffMs: number;

  constructor(private readonly options: DsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** POST /api/public/v1/demarches/{n}/dossiers: creates an orphan pre-filled dossier. */
  async prefill(demarcheNumber: number, values: Record<string, unknown>): Promise<DsCreatedDossier> {
    const { status, body } = await this.send(
      `/api/public/v1/demarches/${demarcheNumber}/dossiers`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(values) },
      false,
    );
    const dossier = body as Partial<DsPrefilledDossier> | null;
    if (status !== 201 || typeof dossier?.dossier_url !== "string" || !Number.isInteger(dossier.dossier_number) || typeof dossier.dossier_prefill_token !== "string") {
      throw upstreamUnavailable(`Démarches Simplifiées a répondu ${status} sans dossier exploitable.`);
    }
    return dossier as DsCreatedDossier;
  }

  /** GET /api/public/v1/demarches/{n}/dossiers?prefill_token=a,b: the dossiers the hub pre-filled, as they are now. */
  async prefilledDossiers(demarcheNumber: number, tokens: string[]): Promise<DsPrefilledDossier[]> {
    const query = new URLSearchParams({ prefill_token: tokens.join(",") });
    const { body } = await this.send(`/api/public/v1/demarches/${demarcheNumber}/dossiers?${query.toString()}`, { method: "GET" }, true);
    if (!Array.isArray(body)) throw upstreamUnavailable("Démarches Simplifiées a renvoyé une liste de dossiers illisible.");
    return body as DsPrefilledDossier[];
  }

  /** One page of `demarche.dossiers(updatedSince:)` through the API v2 (persisted operation in demarches-simplifiees.operations.ts). */
  async dossiersSince(token: string, demarcheNumber: number, updatedSince: string | null, after: string | null): Promise<DsDossiersPage> {
    const data = await this.graphql<DsDossiersPage>(token, DOSSIERS_SINCE_QUERY, { demarcheNumber, updatedSince, after, first: 100 });
    return data;
  }

  /** POST /api/v2/graphql with `Authorization: Bearer <token>`. */
  async graphql<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const { body } = await this.send(
      "/api/v2/graphql",
      { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) },
      true,
    );
    const result = body as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    if (result?.errors?.length) {
      const denied = result.errors.some((e) => e.extensions?.code === "unauthorized" || e.extensions?.code === "forbidden");
      const detail = result.errors
        .map((e) => e.message)
        .join("; ")
        .slice(0, 300);
      throw denied
        ? hubError("UPSTREAM_UNAVAILABLE", `Le jeton d’API Démarches Simplifiées n’a pas accès à cette démarche : ${detail}`, { reason: "DS_TOKEN_REFUSED" })
        : upstreamUnavailable(`Démarches Simplifiées a répondu par une erreur : ${detail}`);
    }
    if (!result?.data) throw upstreamUnavailable("Démarches Simplifiées a répondu sans données.");
    return result.data;
  }

  private async send(path: string, init: RequestInit, idempotent: boolean): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(path, init, idempotent);
      if (result.ok) return result;
      const wait = result.retryAfterMs;
      if (wait === null || attempt >= this.maxRetries) throw result.error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async attempt(path: string, init: RequestInit, idempotent: boolean): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      const message = timedOut ? `Démarches Simplifiées n’a pas répondu en ${this.timeoutMs / 1000} s.` : "Démarches Simplifiées est injoignable.";
      return { ok: false, retryAfterMs: idempotent ? this.backoffMs : null, error: upstreamUnavailable(message) };
    }
    const text = await response.text().catch(() => "");
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers.get("retry-after"));
      const tooLong = wait > this.maxRetryAfterMs;
      return {
        ok: false,
        retryAfterMs: tooLong ? null : wait,
        error: hubError("UPSTREAM_UNAVAILABLE", `Démarches Simplifiées limite le nombre d’appels : réessayez dans ${Math.ceil(wait / 1000)} s.`, {
          reason: "DS_RATE_LIMITED",
          retryAfterSeconds: Math.ceil(wait / 1000),
        }),
      };
    }
    if (response.status >= 500) {
      return { ok: false, retryAfterMs: idempotent ? this.backoffMs : null, error: upstreamUnavailable(`Démarches Simplifiées est indisponible (erreur ${response.status}).`) };
    }
    let body: unknown;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      return { ok: false, retryAfterMs: null, error: upstreamUnavailable(`Démarches Simplifiées a renvoyé une réponse illisible (HTTP ${response.status}).`) };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        retryAfterMs: null,
        error: hubError("UPSTREAM_UNAVAILABLE", `Le jeton d’API Démarches Simplifiées est expiré ou invalide (${describe(body)}).`, { reason: "DS_TOKEN_REFUSED" }),
      };
    }
    if (response.status === 404) {
      return {
        ok: false,
        retryAfterMs: null,
        error: hubError("UPSTREAM_UNAVAILABLE", `Démarche introuvable ou close sur Démarches Simplifiées (${describe(body)}).`, { reason: "DS_PROCEDURE_NOT_FOUND" }),
      };
    }
    if (response.status === 400 || response.status === 422) {
      // The démarche refused a value: its own message, for the collectivité to act on.
      return { ok: false, retryAfterMs: null, error: hubError("BAD_USER_INPUT", `La démarche a refusé le pré-remplissage : ${describe(body)}`, { reason: "DS_REFUSED", dsMessage: describe(body) }) };
    }
    if (!response.ok) return { ok: false, retryAfterMs: null, error: upstreamUnavailable(`Démarches Simplifiées a répondu ${response.status}.`) };
    return { ok: true, status: response.status, body };
  }
}

/** How long a 429 asks to wait: its Retry-After, 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  return parseRetryAfter(header, now) ?? 1000;
}

function describe(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 300);
  const fields = (typeof body === "object" && body !== null ? body : {}) as { error?: unknown; errors?: unknown; message?: unknown };
  const error = fields.error ?? fields.message;
  if (typeof error === "string") return error.slice(0, 300);
  const errors = fields.errors as { message?: string }[] | undefined;
  if (Array.isArray(errors))
    return errors
      .map((e) => e.message)
      .join("; ")
      .slice(0, 300);
  return "sans détail";
}
