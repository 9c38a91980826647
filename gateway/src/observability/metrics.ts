import express from "express";
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { CircuitState } from "@hub/kit";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { StoreName } from "../rate-limits";
import type { SubscriberStats } from "../websocket-limits";

/** What the metrics read at each scrape besides subscriptions and circuits. */
export interface MetricSources {
  /** The rate limits' stores, configured and the one that answered last. */
  rateLimitStore?: () => { configured: StoreName[]; current: StoreName };
  /** Live subscriptions by caller. */
  subscribers?: () => SubscriberStats;
}

/** At most this many distinct operation names are labelled; the others count as "other" (callers choose names). */
const MAX_OPERATION_NAMES = 100;

/**
 * The gateway's Prometheus metrics, in a registry of its own: GraphQL requests, their errors and
 * latency by operation; calls to each subgraph and their latency, queries that shared a call in
 * flight, calls refused by an open circuit and each circuit's state; live subscriptions, also by caller;
 * rate-limit refusals and the store the buckets are in.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: "hub_gateway_requests_total",
    help: "GraphQL operations answered, by operation name, type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: "hub_gateway_errors_total",
    help: "GraphQL errors answered, by operation name and code",
    labelNames: ["operation", "code"] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "hub_gateway_request_duration_seconds",
    help: "Time to answer a GraphQL operation, by operation name",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly subgraphCalls = new Counter({
    name: "hub_gateway_subgraph_requests_total",
    help: "Calls to subgraphs, by subgraph and outcome (ok, error: unreachable, timed out)",
    labelNames: ["subgraph", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly subgraphLatency = new Histogram({
    name: "hub_gateway_subgraph_request_duration_seconds",
    help: "Time of one call to a subgraph",
    labelNames: ["subgraph"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly subgraphShared = new Counter({
    name: "hub_gateway_subgraph_shared_total",
    help: "Subgraph queries answered by an identical call of the same viewer already in flight (no call of their own)",
    labelNames: ["subgraph"] as const,
    registers: [this.registry],
  });
  private readonly subgraphRefused = new Counter({
    name: "hub_gateway_subgraph_circuit_refusals_total",
    help: "Subgraph calls refused at once because the subgraph's circuit was open",
    labelNames: ["subgraph"] as const,
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: "hub_gateway_rate_limit_refusals_total",
    help: "Requests refused because their caller was past its rate or a key past its cost budget per minute (HTTP 429, WebSocket 4429), by kind of caller (key, person, ip), transport (http, ws) and limit (rate, cost)",
    labelNames: ["caller", "transport", "limit"] as const,
    registers: [this.registry],
  });

  private readonly storeFallbacks = new Counter({
    name: "hub_gateway_rate_limit_store_fallbacks_total",
    help: "Rate-limit takes that a store (redis, postgres) could not answer, failing or skipped while failing, and the next store answered",
    labelNames: ["store"] as const,
    registers: [this.registry],
  });

  constructor(subscriptions: () => { subscribers: number; upstreams: number }, circuits: () => { subgraph: string; state: CircuitState }[] = () => [], sources: MetricSources = {}) {
    const { rateLimitStore, subscribers } = sources;
    if (rateLimitStore) {
      new Gauge({
        name: "hub_gateway_rate_limit_store",
        help: "1 for the store that answered the last rate-limit take (redis, postgres, memory), 0 for the other configured ones: a shared store at 0 is failing",
        labelNames: ["store"] as const,
        registers: [this.registry],
        collect() {
          const { configured, current } = rateLimitStore();
          for (const store of configured) this.set({ store }, store === current ? 1 : 0);
        },
      });
    }
    if (subscribers) {
      const kinds = ["key", "person", "ip"] as const;
      new Gauge({
        name: "hub_gateway_subscription_callers",
        help: "Callers holding live subscriptions on this replica, by kind (key, person, ip)",
        labelNames: ["caller"] as const,
        registers: [this.registry],
        collect() {
          const stats = subscribers();
          for (const caller of kinds) this.set({ caller }, stats.callers[caller]);
        },
      });
      new Gauge({
        name: "hub_gateway_subscriptions_per_caller_max",
        help: "The most live subscriptions one caller of each kind (key, person, ip) holds on this replica (against WS_MAX_SUBSCRIPTIONS_PER_*)",
        labelNames: ["caller"] as const,
        registers: [this.registry],
        collect() {
          const stats = subscribers();
          for (const caller of kinds) this.set({ caller }, stats.most[caller]);
        },
      });
      new Gauge({
        name: "hub_gateway_api_key_subscriptions_active",
        help: "Live subscriptions of each programme key on this replica, by key id",
        labelNames: ["api_key"] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const [apiKey, count] of Object.entries(subscribers().apiKeys)) this.set({ api_key: apiKey }, count);
        },
      });
    }
    new Gauge({
      name: "hub_gateway_subgraph_circuit_open",
      help: "1 while a subgraph's circuit refuses calls (open or half-open), 0 when closed",
      labelNames: ["subgraph"] as const,
      registers: [this.registry],
      collect() {
        for (const { subgraph, state } of circuits()) this.set({ subgraph }, state === "closed" ? 0 : 1);
      },
    });
    new Gauge({
      name: "hub_gateway_subscriptions_active",
      help: "Live subscriptions of clients",
      registers: [this.registry],
      collect() {
        this.set(subscriptions().subscribers);
      },
    });
    new Gauge({
      name: "hub_gateway_subscription_upstreams_active",
      help: "Subscriptions the gateway holds open to subgraphs (shared by identical subscribers)",
      registers: [this.registry],
      collect() {
        this.set(subscriptions().upstreams);
      },
    });
  }

  /** One operation answered: its name (or none), type, seconds taken and the codes of its errors. */
  operation(name: string | undefined, type: string, seconds: number, errorCodes: string[]): void {
    const operation = this.label(name);
    this.requests.inc({ operation, type, outcome: errorCodes.length > 0 ? "error" : "ok" });
    for (const code of errorCodes) this.errors.inc({ operation, code });
    this.latency.observe({ operation }, seconds);
  }

  /** A subgraph query that joined an identical one in flight. */
  subgraphShare(subgraph: string): void {
    this.subgraphShared.inc({ subgraph });
  }

  /** A subgraph call refused by its open circuit. */
  subgraphRefusal(subgraph: string): void {
    this.subgraphRefused.inc({ subgraph });
  }

  /** A request refused by the rate limits. */
  rateLimitRefusal(caller: "key" | "person" | "ip", transport: "http" | "ws", limit: "rate" | "cost"): void {
    this.rateLimited.inc({ caller, transport, limit });
  }

  /** A rate-limit take that `store` could not answer (the next store did). */
  rateLimitStoreFallback(store: StoreName): void {
    this.storeFallbacks.inc({ store });
  }

  /** One call to a subgraph. */
  subgraphCall(subgraph: string, seconds: number, ok: boolean): void {
    this.subgraphCalls.inc({ subgraph, outcome: ok ? "ok" : "error" });
    this.subgraphLatency.observe({ subgraph }, seconds);
  }

  private label(name: string | undefined): string {
    if (!name) return "anonymous";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return "other";
    this.operations.add(name);
    return name;
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return (isIP(plain) === 4 && plain.startsWith("127.")) || plain === "::1";
}

/**
 * GET /metrics, Prometheus' text format. With METRICS_TOKEN, only to `Authorization: Bearer
 * <METRICS_TOKEN>`. Without it, only to the machine itself (a loopback address) in development
 * and test, and to no one in production, where a reverse proxy on the same machine would make
 * every caller look local: operation names and traffic are not for the public. Refused: 404,
 * as if it were not there.
 */
export function metricsRouter(metrics: GatewayMetrics, token: string | null, mode: "development" | "test" | "production"): express.Router {
  const router = express.Router();
  router.get("/metrics", async (request, response) => {
    const allowed = token ? sameSecret(request.headers.authorization, `Bearer ${token}`) : mode !== "production" && isLoopback(request.socket.remoteAddress);
    if (!allowed) return void response.status(404).json({ error: "Not found" });
    response.setHeader("content-type", metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
  return router;
}
