import { checkUrlPassword, DEFAULT_PAGE_SIZE, int, oneOf, optional, readServiceConfig, secret, str, url, type CommonConfig, type Env, type HubMode, type Reader } from "@hub/kit";
import { dirname, join } from "node:path";
import type { ProConnectOptions } from "./auth/proconnect.route";
import type { OperationLimits } from "./limits";
import type { RateLimits } from "./rate-limits";
import type { Resilience } from "./subgraph-data-source";

export interface GatewayConfig extends CommonConfig {
  /** GATEWAY_PORT (default 4000). */
  port: number;
  /** SESSION_SECRET: signs session tokens; required in production (≥ 32 characters, not a published one). */
  sessionSecret: string;
  /** Subgraph URLs by supergraph name (PROJECTS_URL, PEOPLE_TERRITORIES_URL, FUNDING_URL, REPORTING_URL). */
  subgraphUrls: Record<string, string>;
  /**
   * SUBGRAPH_TIMEOUT_MS (default 10000): the longest the gateway waits for one call to a subgraph;
   * past it, that subgraph's fields are null with an UPSTREAM_UNAVAILABLE error naming it.
   */
  subgraphTimeoutMs: number;
  /**
   * Calls to subgraphs: SUBGRAPH_RETRIES (default 1, 0-3: retries of a query whose connection
   * failed or that got 502/503/504; never a mutation), SUBGRAPH_CIRCUIT_FAILURES (default 5:
   * failed calls in a row that open a subgraph's circuit), SUBGRAPH_CIRCUIT_COOLDOWN_MS (default
   * 10000: how long an open circuit refuses calls before a trial call), SUBGRAPH_COALESCING
   * (on, the default, or off: identical in-flight queries of the same viewer share one call).
   */
  subgraphResilience: Resilience;
  /** WEB_DIST: the built web app served at / (default: the dist folder of the @hub/web package, found by Node's resolution). */
  webDist: string;
  /** SUPERGRAPH_PATH: the composed supergraph (default: supergraph.graphql of the @hub/schema package, found by Node's resolution). */
  supergraphPath: string;
  /**
   * SUPERGRAPH_WATCH_MS (default 2000; 0: off): how often the supergraph file is looked at; a
   * changed one is loaded without a restart (hot reload), a broken one refused.
   */
  supergraphWatchMs: number;
  /**
   * ProConnect sign-in, enabled when PROCONNECT_ISSUER is set (e.g. https://auth.agentconnect.gouv.fr/api/v2):
   * PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET, PROCONNECT_REDIRECT_URI (…/auth/proconnect/callback),
   * PROCONNECT_SCOPES (default "openid email given_name usual_name siret organizational_unit").
   */
  proconnect: ProConnectOptions | null;
  /** DOCUMENT_MAX_BYTES: the largest file accepted for upload (default 10 MiB, as in the projects subgraph). */
  documentMaxBytes: number;
  /** IMPORT_MAX_BYTES: the largest import file accepted on POST /imports (default 200 MiB, as in the projects subgraph). */
  importMaxBytes: number;
  /** API_KEY_CACHE_SECONDS (default 30; 0: no cache): how long an API key check is reused; a revoked key works at most that long. */
  apiKeyCacheSeconds: number;
  /**
   * SESSION_CHECK_SECONDS (default 30; 0: no cache, each request asks): how long the answer "this
   * person is still active, in this organisation and role" is reused, and how often open
   * WebSockets are re-checked (every second at 0); a suspended person keeps working at most that long.
   */
  sessionCheckSeconds: number;
  /** HUB_APOLLO_TELEMETRY=enabled opts in to Apollo's anonymous telemetry; off by default. */
  apolloTelemetry: "enabled" | "disabled";
  /**
   * Operation limits (QUERY_MAX_DEPTH, QUERY_MAX_ALIASES, QUERY_MAX_ROOT_FIELDS,
   * QUERY_MAX_DIRECTIVES, QUERY_MAX_TOKENS, QUERY_MAX_COST, QUERY_LIST_FACTOR); null when
   * QUERY_LIMITS=off, which production refuses.
   */
  limits: OperationLimits | null;
  /**
   * Per-caller rate limits (RATE_LIMIT_ANONYMOUS_PER_MINUTE, RATE_LIMIT_PERSON_PER_MINUTE,
   * RATE_LIMIT_API_KEY_PER_MINUTE); null when RATE_LIMITS=off, which production refuses.
   */
  rateLimits: RateLimits | null;
  /**
   * GATEWAY_DATABASE_URL: the gateway's own PostgreSQL database, where the rate-limit buckets are
   * shared by every replica (or while Redis fails, with REDIS_URL); unset, and without REDIS_URL,
   * each replica counts for itself, in memory. In production its password, if it has one, is
   * checked like DATABASE_URL's.
   */
  databaseUrl: string | null;
  /**
   * REDIS_URL (redis:// or rediss://): when set, the rate-limit buckets and cost budgets are kept
   * in Redis, shared by every replica, PostgreSQL (GATEWAY_DATABASE_URL) then memory taking over
   * while it fails. In production it must carry a password of at least 32 characters.
   */
  redisUrl: string | null;
  /** REDIS_KEY_PREFIX (default "hub:"): before every key the gateway writes in Redis. */
  redisKeyPrefix: string;
  /**
   * TRUSTED_DOCUMENTS_DIR (default: the gateway package's trusted-documents folder): the
   * programmes' manifests of registered operations (*.json), loaded at start beside the web app's.
   */
  trustedDocumentsDir: string;
  /** TRUST_PROXY_HOPS (default 0): proxies in front of the gateway whose X-Forwarded-For gives the client's address. */
  trustProxyHops: number;
  /** WebSocket bounds (WS_* variables, see WebSocketLimits). */
  webSocket: WebSocketLimits;
  /** LOG_LEVEL (default info): info logs a line per GraphQL operation; warn or error keeps only problems. */
  logLevel: "debug" | "info" | "warn" | "error";
  /** METRICS_TOKEN: when set, GET /metrics answers `Authorization: Bearer <it>` only; unset, loopback callers only. */
  metricsToken: string | null;
}

export interface WebSocketLimits {
  /** WS_MAX_PAYLOAD_BYTES (default 256 KiB): a bigger frame closes the socket with 1009. */
  maxPayloadBytes: number;
  /** WS_INIT_TIMEOUT_MS (default 3000): no connection_init within it closes the socket with 4408. */
  initTimeoutMs: number;
  /** WS_MAX_SUBSCRIPTIONS_PER_CONNECTION (default 50). */
  maxSubscriptionsPerConnection: number;
  /**
   * WS_MAX_SUBSCRIPTIONS_PER_VIEWER (default 200): live subscriptions of one person (else one remote
   * address) across its connections, on this replica.
   */
  maxSubscriptionsPerViewer: number;
  /** WS_MAX_SUBSCRIPTIONS_PER_API_KEY (default 500): live subscriptions of one programme key across its connections, on this replica. */
  maxSubscriptionsPerApiKey: number;
  /** WS_MAX_BUFFERED_BYTES (default 4 MiB): a client that lets more pile up unread is closed with 1013. */
  maxBufferedBytes: number;
}

/** Defaults: a clear margin above the web app's and the benchmark's own operations (see README). */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 10_000,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  listFactor: 10,
};

/**
 * A file of another workspace package, found as Node finds modules (the workspace links in
 * node_modules, or an installed package): the gateway never climbs out of its own folder.
 */
function packageFile(specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}

function packageFolder(name: string): string | undefined {
  const manifest = packageFile(`${name}/package.json`);
  return manifest && dirname(manifest);
}

function readLimits(env: Env, problems: string[], mode: CommonConfig["mode"]): OperationLimits | null {
  const enabled = oneOf("QUERY_LIMITS", ["on", "off"] as const, "on")(env, problems);
  if (enabled === "off") {
    if (mode === "production") problems.push("QUERY_LIMITS=off is refused in production");
    return null;
  }
  const d = DEFAULT_LIMITS;
  return {
    maxDepth: int("QUERY_MAX_DEPTH", d.maxDepth, 1, 1000)(env, problems),
    maxAliases: int("QUERY_MAX_ALIASES", d.maxAliases, 0, 100_000)(env, problems),
    maxRootFields: int("QUERY_MAX_ROOT_FIELDS", d.maxRootFields, 1, 100_000)(env, problems),
    maxDirectives: int("QUERY_MAX_DIRECTIVES", d.maxDirectives, 0, 100_000)(env, problems),
    maxTokens: int("QUERY_MAX_TOKENS", d.maxTokens, 100, 10_000_000)(env, problems),
    maxCost: int("QUERY_MAX_COST", d.maxCost, 1, Number.MAX_SAFE_INTEGER)(env, problems),
    defaultPageSize: d.defaultPageSize,
    listFactor: int("QUERY_LIST_FACTOR", d.listFactor, 1, 10_000)(env, problems),
  };
}

/** Defaults: requests per minute, a minute's worth allowed at once. */
export const DEFAULT_RATE_LIMITS: RateLimits = { anonymousPerMinute: 60, personPerMinute: 600, apiKeyPerMinute: 600 };

function readRateLimits(env: Env, problems: string[], mode: CommonConfig["mode"]): RateLimits | null {
  const enabled = oneOf("RATE_LIMITS", ["on", "off"] as const, "on")(env, problems);
  if (enabled === "off") {
    if (mode === "production") problems.push("RATE_LIMITS=off is refused in production");
    return null;
  }
  const d = DEFAULT_RATE_LIMITS;
  return {
    anonymousPerMinute: int("RATE_LIMIT_ANONYMOUS_PER_MINUTE", d.anonymousPerMinute, 1, 1_000_000)(env, problems),
    personPerMinute: int("RATE_LIMIT_PERSON_PER_MINUTE", d.personPerMinute, 1, 1_000_000)(env, problems),
    apiKeyPerMinute: int("RATE_LIMIT_API_KEY_PER_MINUTE", d.apiKeyPerMinute, 1, 1_000_000)(env, problems),
  };
}

function readWebSocketLimits(env: Env, problems: string[]): WebSocketLimits {
  return {
    maxPayloadBytes: int("WS_MAX_PAYLOAD_BYTES", 256 * 1024, 1024, 100 * 1024 * 1024)(env, problems),
    initTimeoutMs: int("WS_INIT_TIMEOUT_MS", 3000, 100, 600_000)(env, problems),
    maxSubscriptionsPerConnection: int("WS_MAX_SUBSCRIPTIONS_PER_CONNECTION", 50, 1, 1_000_000)(env, problems),
    maxSubscriptionsPerViewer: int("WS_MAX_SUBSCRIPTIONS_PER_VIEWER", 200, 1, 1_000_000)(env, problems),
    maxSubscriptionsPerApiKey: int("WS_MAX_SUBSCRIPTIONS_PER_API_KEY", 500, 1, 1_000_000)(env, problems),
    maxBufferedBytes: int("WS_MAX_BUFFERED_BYTES", 4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024)(env, problems),
  };
}

/**
 * An optional URL whose password is a secret: in production checked like the others (see
 * checkUrlPassword); `passwordRequired` refuses a URL without one there.
 */
function urlWithSecret(name: string, mode: HubMode, protocols: string[], passwordRequired: boolean): Reader<string | null> {
  return (env, problems) => {
    if (!optional(name)(env, problems)) return null;
    const value = url(name)(env, problems);
    const protocol = URL.canParse(value) ? new URL(value).protocol : null;
    if (protocol !== null && !protocols.includes(protocol)) problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(" or ")} URL (got ${protocol}//)`);
    if (mode === "production") checkUrlPassword(name, value, problems, passwordRequired);
    return value;
  };
}

export const DEV_SESSION_SECRET = "dev-only-session-secret-never-use-in-production";

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  // One ConfigError lists the common problems and the gateway's.
  return readServiceConfig<Omit<GatewayConfig, keyof CommonConfig>>(
    (mode) => ({
      port: int("GATEWAY_PORT", 4000, 0, 65535),
      sessionSecret: secret("SESSION_SECRET", mode, DEV_SESSION_SECRET),
      subgraphUrls: (e, problems) => ({
        projects: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql")(e, problems),
        "people-territories": url("PEOPLE_TERRITORIES_URL", "http://127.0.0.1:4002/graphql")(e, problems),
        funding: url("FUNDING_URL", "http://127.0.0.1:4003/graphql")(e, problems),
        reporting: url("REPORTING_URL", "http://127.0.0.1:4004/graphql")(e, problems),
      }),
      subgraphTimeoutMs: int("SUBGRAPH_TIMEOUT_MS", 10_000, 1, 600_000),
      subgraphResilience: (e, problems) => ({
        retries: int("SUBGRAPH_RETRIES", 1, 0, 3)(e, problems),
        circuitFailures: int("SUBGRAPH_CIRCUIT_FAILURES", 5, 1, 1000)(e, problems),
        circuitCooldownMs: int("SUBGRAPH_CIRCUIT_COOLDOWN_MS", 10_000, 100, 600_000)(e, problems),
        coalesce: oneOf("SUBGRAPH_COALESCING", ["on", "off"] as const, "on")(e, problems) === "on",
      }),
      webDist: str("WEB_DIST", join(packageFolder("@hub/web") ?? ".", "dist")),
      supergraphPath: (e, problems) => {
        const path = optional("SUPERGRAPH_PATH")(e, problems) ?? packageFile("@hub/schema/supergraph.graphql");
        if (!path) problems.push("SUPERGRAPH_PATH: not set, and no @hub/schema package to take the composed supergraph from");
        return path ?? "";
      },
      supergraphWatchMs: int("SUPERGRAPH_WATCH_MS", 2000, 0, 3_600_000),
      proconnect: (e, problems) => {
        const issuer = optional("PROCONNECT_ISSUER")(e, problems);
        if (!issuer) return null;
        return {
          issuer: url("PROCONNECT_ISSUER")(e, problems),
          clientId: str("PROCONNECT_CLIENT_ID")(e, problems),
          clientSecret: str("PROCONNECT_CLIENT_SECRET")(e, problems),
          redirectUri: url("PROCONNECT_REDIRECT_URI")(e, problems),
          scopes: str("PROCONNECT_SCOPES", "openid email given_name usual_name siret organizational_unit")(e, problems),
        };
      },
      documentMaxBytes: int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, 1, 100 * 1024 * 1024),
      importMaxBytes: int("IMPORT_MAX_BYTES", 200 * 1024 * 1024, 1, 2 * 1024 * 1024 * 1024),
      apiKeyCacheSeconds: int("API_KEY_CACHE_SECONDS", 30, 0, 3600),
      sessionCheckSeconds: int("SESSION_CHECK_SECONDS", 30, 0, 3600),
      apolloTelemetry: oneOf("HUB_APOLLO_TELEMETRY", ["enabled", "disabled"] as const, "disabled"),
      limits: (e, problems) => readLimits(e, problems, mode),
      rateLimits: (e, problems) => readRateLimits(e, problems, mode),
      databaseUrl: urlWithSecret("GATEWAY_DATABASE_URL", mode, ["postgres:", "postgresql:"], false),
      // Redis has no other way to know its clients: production requires a password.
      redisUrl: urlWithSecret("REDIS_URL", mode, ["redis:", "rediss:"], true),
      redisKeyPrefix: str("REDIS_KEY_PREFIX", "hub:"),
      trustProxyHops: int("TRUST_PROXY_HOPS", 0, 0, 10),
      trustedDocumentsDir: str("TRUSTED_DOCUMENTS_DIR", join(__dirname, "..", "trusted-documents")),
      webSocket: readWebSocketLimits,
      logLevel: oneOf("LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
      metricsToken: (e, problems) => {
        const token = optional("METRICS_TOKEN")(e, problems) ?? null;
        if (token !== null && token.length < 32) problems.push("METRICS_TOKEN: at least 32 characters");
        return token;
      },
    }),
    env,
  );
}
