// Who the subscribers of the subscriptions benchmark are, and what the gateway says it holds.
// The gateway shares one upstream subscription between subscribers of the same operation and
// variables as the same viewer, so a round with V viewers must make V distinct viewers: julien
// himself, and V - 1 agents of his DDT, with his organisation and rights but persons of their own.
import { DEV_SESSION_SECRET, signSession } from "@hub/gateway";
import type { Viewer } from "@hub/kit";
import { randomUUID } from "node:crypto";

/**
 * `count` session tokens: julien's own (from the dev sign-in) first, then tokens the bench signs
 * for his viewer with a fresh personId each. The secret must be the gateway's: SESSION_SECRET
 * when the hub has one, else its development default.
 */
export function viewerTokens(count: number, julienToken: string, julien: Viewer): string[] {
  const secret = process.env.SESSION_SECRET || DEV_SESSION_SECRET;
  const tokens = [julienToken];
  for (let i = 1; i < count; i++) tokens.push(signSession({ ...julien, personId: randomUUID() }, secret));
  return tokens;
}

/** The gateway's live subscriptions, from its GET /health (answered with 503 too when a subgraph is down). */
export async function gatewaySubscriptions(gatewayUrl: string): Promise<{ subscribers: number; upstreams: number }> {
  const url = new URL("/health", gatewayUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let subscriptions: unknown;
  try {
    subscriptions = (JSON.parse(text) as { subscriptions?: unknown }).subscriptions;
  } catch {
    // Reported below.
  }
  const { subscribers, upstreams } = (subscriptions ?? {}) as Record<string, unknown>;
  if (typeof subscribers !== "number" || typeof upstreams !== "number") {
    throw new Error(`${url} (HTTP ${response.status}) does not report subscriptions { subscribers, upstreams }: ${text.slice(0, 200)}`);
  }
  return { subscribers, upstreams };
}
