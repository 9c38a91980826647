import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { withoutRequestId } from "./request-id";

/** What one operation over graphql-ws gave: its `next` payloads, or the errors of an `error` message. */
export interface WsOutcome {
  results: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  errors: { message: string; extensions?: Record<string, unknown> }[] | null;
}

/**
 * Runs one operation over the gateway's WebSocket and waits for its end (complete or error);
 * for a subscription, `stopAfter` results end it. Results come without the gateway's
 * `extensions.requestId`.
 */
export async function wsOperation(gatewayUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string, stopAfter = Infinity): Promise<WsOutcome> {
  const client = createClient({
    url: gatewayUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  const outcome: WsOutcome = { results: [], errors: null };
  try {
    await new Promise<void>((resolve) => {
      const unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            outcome.results.push(withoutRequestId(result) as WsOutcome["results"][number]);
            if (outcome.results.length >= stopAfter) {
              unsubscribe();
              resolve();
            }
          },
          error: (error) => {
            const message = typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : String(error);
            outcome.errors = Array.isArray(error) ? error : [{ message }];
            resolve();
          },
          complete: resolve,
        },
      );
    });
  } finally {
    await client.dispose();
  }
  return outcome;
}
