import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The header carrying a request's id: from the caller (when well formed), to every subgraph, and back. */
export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's request id when it is well formed (a proxy's, a programme's), else a new one. */
export function requestIdFrom(given: unknown): string {
  return typeof given === "string" && WELL_FORMED.test(given) ? given : randomUUID();
}

/** Gives every HTTP request its id (`response.locals.requestId`) and returns it in the `x-request-id` header. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse & { locals: Record<string, unknown> }, next: () => void): void {
  const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  response.locals.requestId = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}
