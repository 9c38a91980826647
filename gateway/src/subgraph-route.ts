import { INTERNAL_TOKEN_HEADER, restError, signInternalToken, traceparent, upstreamUnavailable, type SpanContext, type Viewer } from "@hub/kit";
import type express from "express";
import { Readable } from "node:stream";

/** What a REST route of the gateway sends to a subgraph besides the viewer's internal token. */
export interface SubgraphRequest {
  method?: "GET" | "POST";
  contentType?: string;
  /** A whole body, or a stream read as it arrives (the incoming request). */
  body?: Uint8Array<ArrayBuffer> | Readable;
  /** Bounds the wait for the answer's headers, not the transfer of the body. */
  timeoutMs?: number;
  /** The span of the route's request (with tracing on): its `traceparent` goes to the subgraph. */
  span?: SpanContext;
}

/**
 * Calls a subgraph's REST route for `viewer`, with the internal token the gateway signs for
 * it; an unreachable subgraph (or one not answering within `timeoutMs`) is UPSTREAM_UNAVAILABLE
 * naming the service.
 */
export async function fetchSubgraph(service: string, target: URL, viewer: Viewer, secret: string, request: SubgraphRequest = {}): Promise<Response> {
  const headers: Record<string, string> = { [INTERNAL_TOKEN_HEADER]: signInternalToken(viewer, secret) };
  if (request.contentType) headers["content-type"] = request.contentType;
  if (request.span) headers.traceparent = traceparent(request.span);
  const body = request.body instanceof Readable ? (Readable.toWeb(request.body) as ReadableStream<Uint8Array>) : request.body;
  const abort = new AbortController();
  const timer = request.timeoutMs === undefined ? null : setTimeout(() => abort.abort(), request.timeoutMs);
  // A streamed body needs `duplex` (fetch's standard option, missing from Node's RequestInit type).
  const init = { method: request.method ?? "GET", headers, body, signal: abort.signal, ...(request.body instanceof Readable ? { duplex: "half" as const } : {}) };
  return fetch(target, init)
    .catch(() => {
      throw upstreamUnavailable(`Service ${service} is unavailable`);
    })
    .finally(() => {
      if (timer) clearTimeout(timer);
    });
}

/**
 * Sends a subgraph's answer on: its status, the headers named (when present) and its body,
 * streamed without being held. A transfer cut upstream is cut here too; a client that leaves
 * stops the upstream read.
 */
export function relayAnswer(upstream: Response, response: express.Response, headerNames: readonly string[]): void {
  response.status(upstream.status);
  for (const name of headerNames) {
    const value = upstream.headers.get(name);
    if (value) response.setHeader(name, value);
  }
  // Node's web stream type: where lib dom is loaded too (tsconfig.tests.json), fetch's body is DOM's.
  const body = upstream.body as import("node:stream/web").ReadableStream<Uint8Array> | null;
  if (!body) return void response.end();
  const stream = Readable.fromWeb(body);
  stream.on("error", () => response.destroy());
  response.on("close", () => stream.destroy());
  stream.pipe(response);
}

/** Answers an error as the REST routes do: `{ error: { code, message } }` with its HTTP status; `close` when the request's body is left unread. */
export function answerError(response: express.Response, error: unknown, close = false): void {
  const { status, body } = restError(error);
  if (close) response.setHeader("Connection", "close");
  response.status(status).json(body);
}
