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

/** GET /health: 200 when every subgraph answers, else 503 naming those that do not; with the gateway's live subscriptions. */
export function healthRouter(subgraphUrls: Record<string, string>, subscriptions: () => { subscribers: number; upstreams: number }, timeoutMs = 2000): express.Router {
  const router = express.Router();
  router.get("/health", async (_request, response) => {
    const names = Object.keys(subgraphUrls);
    const results = await Promise.all(names.map((name) => probe(subgraphUrls[name], timeoutMs)));
    const subgraphs = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const down = names.filter((_, i) => results[i].status !== "ok");
    response.status(down.length ? 503 : 200).json({ status: down.length ? "down" : "ok", down, subgraphs, subscriptions: subscriptions() });
  });
  return router;
}
