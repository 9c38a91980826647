import { upstreamUnavailable } from "./errors";
import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from "./viewer";

/**
 * Calls another subgraph directly (service to service), with an internal token for `viewer`.
 * Returns `data`; GraphQL or HTTP errors become UPSTREAM_UNAVAILABLE.
 */
export async function callSubgraph<T>(url: string, secret: string, viewer: Viewer, query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, secret) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw upstreamUnavailable(`${new URL(url).host} is unreachable`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data) {
    throw upstreamUnavailable(`${new URL(url).host} answered ${response.status}: ${body.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
  }
  return body.data;
}
