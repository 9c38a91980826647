import express from "express";

/** Health of one subgraph, from its GET /health. */
async function probe(graphqlUrl: string, timeoutMs: number): Promise<{ status: "ok" | "down"; reason?: string }> {
  try {
    const response = await fetch(new URL("/health", graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return { status: "ok" };
    const body = (await response.json().catch(() => ({}))) as { reason?: string };
    return { status: "down", reason: body.reason ?? `HTTP ${response.status}` };
  } catch {
    return { status: "down", reason: "unreachable" };
  }
}

export interface HealthSources {
  subgraphUrls: Record<string, string>;
  /** Whether the gateway has its supergraph (the API schema is built). */
  supergraphLoaded: () => boolean;
  /** The gateway's live subscriptions. */
  subscriptions: () => { subscribers: number; upstreams: number };
  /** Where the rate limits' buckets are: the stores configured, and the one that answered last (a shared one failing shows here). */
  rateLimitStore?: () => { configured: string[]; current: string };
}

/**
 * GET /health, liveness: 200 whenever the process serves, with its live subscriptions and the
 * store its rate limits use (a failing Redis or database is not a reason to restart it: the next
 * store takes over); it calls nothing. GET /ready, readiness: 200 when the supergraph is loaded and every subgraph answers
 * its own /health, else 503 saying what is missing.
 */
export function healthRouter(sources: HealthSources, timeoutMs = 2000): express.Router {
  const router = express.Router();
  router.get("/health", (_request, response) => {
    response.json({ status: "ok", subscriptions: sources.subscriptions(), ...(sources.rateLimitStore ? { rateLimits: sources.rateLimitStore() } : {}) });
  });
  router.get("/ready", async (_request, response) => {
    const names = Object.keys(sources.subgraphUrls);
    const results = await Promise.all(names.map((name) => probe(sources.subgraphUrls[name], timeoutMs)));
    const subgraphs = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const down = names.filter((_, i) => results[i].status !== "ok");
    const supergraph = sources.supergraphLoaded() ? "loaded" : "not loaded";
    const ready = down.length === 0 && supergraph === "loaded";
    response.status(ready ? 200 : 503).json({ status: ready ? "ok" : "down", supergraph, down, subgraphs });
  });
  return router;
}
