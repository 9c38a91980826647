import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { CircuitBreaker, INTERNAL_TOKEN_HEADER, traceparent, type Span, type Tracer, type Viewer } from "@hub/kit";
import { GraphQLError, OperationTypeNode } from "graphql";
import { REQUEST_ID_HEADER } from "./observability/request-id";
import type { ProgrammeKey } from "./auth/api-keys";
import { cacheHint, type CacheHint } from "./upstream/cache-hint";
import { KeepAliveClient, UpstreamTimeout, type HttpAnswer } from "./upstream/keep-alive-client";
import { RetryBudget } from "./upstream/retry-budget";
import { InternalTokens, viewerKey } from "./upstream/internal-tokens";

export interface GatewayContext {
  viewer: Viewer;
  /** For a programme's API key: its id, rate, cost budget and trusted-documents mode. */
  programme?: ProgrammeKey | null;
  /** Set over WebSocket: the operation's text was checked against the trusted documents on arrival. */
  operationChecked?: boolean;
  /** The request's id (x-request-id), passed on to every subgraph. */
  requestId?: string;
  /** The operation's span (with tracing on): each subgraph fetch is its child. */
  span?: Span;
  /** Set over WebSocket: closes the socket with 4429 and this reason (a caller past its cost budget). */
  closeRateLimited?: (reason: string) => void;
}

export interface Resilience {
  /** Retries of a query whose connection failed or that got a 502/503/504 (never of a mutation). */
  retries: number;
  /** Failed calls in a row that open the subgraph's circuit. */
  circuitFailures: number;
  /** How long an open circuit refuses calls before one trial call. */
  circuitCooldownMs: number;
  /** Whether identical in-flight queries of the same viewer share one call. */
  coalesce: boolean;
}

export const DEFAULT_RESILIENCE: Resilience = { retries: 1, circuitFailures: 5, circuitCooldownMs: 10_000, coalesce: true };

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, given back in errors (never its address). */
  name: string;
  url: string;
  internalTokenSecret: string;
  /** The longest a call may take, from connecting to the last byte of the answer. */
  timeoutMs: number;
  resilience?: Resilience;
  /** Told of every call that goes out: seconds taken, and whether the subgraph answered (the metrics). */
  onCall?: (name: string, seconds: number, ok: boolean) => void;
  /** Told when a query joins an identical one already in flight, and when the circuit refuses a call. */
  onShared?: (name: string) => void;
  onRefused?: (name: string) => void;
  /** Traces (null: off): a span per call, child of the operation's, its `traceparent` sent to the subgraph. */
  tracer?: Tracer | null;
}

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** Connection-level failures after which a query is worth one more try (the subgraph may not have seen it); UND_ERR_SOCKET: undici's "other side closed". */
const RETRYABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET"]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
const RETRY_DELAY_MS = 25;

/**
 * One subgraph as the gateway calls it. Every call carries an internal token signed for the
 * request's viewer and goes over a kept-alive connection. Identical queries of the same viewer
 * in flight at the same time share one call (key: the operation text, its variables and the
 * viewer's claims, the ones the token carries; never a mutation, never across viewers); each
 * caller parses its own copy of the answer. A query whose connection fails is retried once,
 * within a budget; a mutation never. A call is abandoned after `timeoutMs` (socket closed).
 * After `circuitFailures` failed calls in a row the circuit opens: calls fail at once until a
 * trial call, `circuitCooldownMs` later, succeeds. Whatever the failure, the subgraph's fields
 * are null with one UPSTREAM_UNAVAILABLE error naming it, and the rest of the query answers.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;
  private readonly resilience: Resilience;
  private readonly client: KeepAliveClient;
  private readonly tokens: InternalTokens;
  private readonly breaker: CircuitBreaker;
  private readonly budget = new RetryBudget();
  private readonly inFlight = new Map<string, Promise<HttpAnswer>>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
    this.resilience = options.resilience ?? DEFAULT_RESILIENCE;
    this.client = new KeepAliveClient(options.url);
    this.tokens = new InternalTokens(options.internalTokenSecret);
    this.breaker = new CircuitBreaker({ failureThreshold: this.resilience.circuitFailures, cooldownMs: this.resilience.circuitCooldownMs });
  }

  /** The circuit's state, for /metrics. */
  get circuitState() {
    return this.breaker.state;
  }

  override async process(options: Options): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    const { request, context } = options;
    if (!request.query) throw new Error("Missing query");
    const viewer = (context as Partial<GatewayContext>).viewer;
    const headers = this.headersFor(options);
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });

    const query = isQuery(options);
    const key = query && this.resilience.coalesce ? `${viewer ? viewerKey(viewer) : "-"}\n${body}` : null;
    let answer = key === null ? undefined : this.inFlight.get(key);
    if (answer) {
      // Its x-request-id is the first caller's: one call, one id.
      this.options.onShared?.(this.options.name);
    } else {
      answer = this.traced(options, headers, (traced) => this.call(traced, body, query));
      if (key !== null) {
        this.inFlight.set(key, answer);
        const forget = () => this.inFlight.delete(key);
        answer.then(forget, forget);
      }
    }
    const http = await answer;
    if (http.status < 200 || http.status >= 300) throw responseError(http);
    let parsed: unknown;
    try {
      parsed = JSON.parse(http.body);
    } catch {
      throw new Error(`Expected JSON response body, but received: ${http.body.slice(0, 200)}`);
    }
    if (typeof parsed !== "object" || parsed === null) throw new Error(`Expected JSON response body, but received: ${http.body.slice(0, 200)}`);
    if ("incomingRequestContext" in options) {
      const policy: unknown = options.incomingRequestContext.overallCachePolicy;
      if (restricts(policy)) policy.restrict(cacheHint(http.headers["cache-control"]));
    }
    return parsed;
  }

  /** The headers of a call: the internal token of the request's viewer and the request's id. */
  headersFor({ request, context }: Options): Record<string, string> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    const { viewer, requestId } = context as Partial<GatewayContext>;
    // Requests the gateway makes for itself (none with a static supergraph) carry no viewer.
    if (viewer) headers[INTERNAL_TOKEN_HEADER] = this.tokens.for(viewer);
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    return headers;
  }

  /**
   * With tracing on and an operation span: `call` within a client span of its own (`subgraph
   * <name>`), whose `traceparent` goes with the call; its end marks the answer (or the failure).
   */
  private traced(options: Options, headers: Record<string, string>, call: (headers: Record<string, string>) => Promise<HttpAnswer>): Promise<HttpAnswer> {
    const parent = (options.context as Partial<GatewayContext>).span;
    const tracer = this.options.tracer;
    if (!tracer || !parent) return call(headers);
    const span = tracer.startSpan(`subgraph ${this.options.name}`, {
      kind: "client",
      parent,
      attributes: { "hub.subgraph": this.options.name, "graphql.operation.name": options.request.operationName ?? undefined },
    });
    const answer = call({ ...headers, traceparent: traceparent(span) });
    answer.then(
      (http) => {
        span.setAttribute("http.response.status_code", http.status);
        if (http.status >= 500) span.fail(`HTTP ${http.status}`);
        span.end();
      },
      (error: unknown) => {
        span.fail(error instanceof GraphQLError && typeof error.extensions.code === "string" ? error.extensions.code : "error");
        span.end();
      },
    );
    return answer;
  }

  /** One call as it goes out: through the circuit, with a retry for queries. */
  private async call(headers: Record<string, string>, body: string, retryable: boolean): Promise<HttpAnswer> {
    const { name, timeoutMs } = this.options;
    if (!this.breaker.tryAcquire()) {
      this.options.onRefused?.(name);
      throw unavailable(name, `Service ${name} is unavailable (circuit open after repeated failures)`);
    }
    this.budget.earn();
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const told = (ok: boolean) => this.options.onCall?.(name, (performance.now() - started) / 1000, ok);
      const again = () => retryable && attempt < this.resilience.retries && this.budget.spend();
      let answer: HttpAnswer;
      try {
        answer = await this.client.post(headers, body, timeoutMs);
      } catch (error) {
        told(false);
        if (error instanceof UpstreamTimeout) {
          this.breaker.failure();
          throw unavailable(name, `Service ${name} is unavailable: no answer within ${timeoutMs} ms`);
        }
        if (RETRYABLE_CODES.has((error as { code?: string }).code ?? "") && again()) {
          await delay(RETRY_DELAY_MS * (attempt + 1));
          continue;
        }
        this.breaker.failure();
        throw unavailable(name, `Service ${name} is unavailable`);
      }
      const failed = answer.status >= 500;
      told(!failed);
      if (RETRYABLE_STATUSES.has(answer.status) && again()) {
        await delay(RETRY_DELAY_MS * (attempt + 1));
        continue;
      }
      if (failed) this.breaker.failure();
      else this.breaker.success();
      return answer;
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.client.close();
  }
}

/** A query (never a mutation or a subscription event), both the caller's operation and this subgraph call (as the planner wrote it). */
function isQuery(options: Options): boolean {
  if (!("incomingRequestContext" in options)) return false;
  // The federated subscriptions run each event's plan with a context of their own, without an
  // operation: their fetches are never shared (each event is fresh).
  const operation = (options.incomingRequestContext as { operation?: { operation: OperationTypeNode } }).operation;
  if (operation?.operation !== OperationTypeNode.QUERY) return false;
  return /^\s*(query\b|\{)/.test(options.request.query ?? "");
}

/** Apollo's overall cache policy of the request, which each subgraph's Cache-Control restricts. */
function restricts(policy: unknown): policy is { restrict: (hint: CacheHint) => void } {
  return typeof policy === "object" && policy !== null && typeof (policy as { restrict?: unknown }).restrict === "function";
}

function unavailable(serviceName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName } });
}

/** What @apollo/gateway's data source makes of an answer that is not 2xx. */
function responseError(http: HttpAnswer): GraphQLError {
  let body: unknown = http.body;
  try {
    body = JSON.parse(http.body);
  } catch {
    // Kept as text.
  }
  // A subgraph refuses a variable its schema cannot read (a scalar such as DateTimeISO the
  // gateway passes through unread) with HTTP 400 and a BAD_USER_INPUT error: the caller's
  // mistake, passed on as such (its message names the variable), not an internal error.
  const refusal = http.status === 400 ? badUserInput(body) : null;
  if (refusal) return new GraphQLError(refusal, { extensions: { code: "BAD_USER_INPUT" } });
  const code = http.status === 401 ? "UNAUTHENTICATED" : http.status === 403 ? "FORBIDDEN" : undefined;
  return new GraphQLError(`${http.status}: ${http.statusText}`, { extensions: { response: { status: http.status, statusText: http.statusText, body }, ...(code ? { code } : {}) } });
}

function badUserInput(body: unknown): string | null {
  const errors = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null)?.errors;
  const refusal = Array.isArray(errors) ? errors.find((e) => e.extensions?.code === "BAD_USER_INPUT" && typeof e.message === "string") : undefined;
  return refusal ? (refusal.message as string) : null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
