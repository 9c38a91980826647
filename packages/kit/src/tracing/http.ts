import type { NextFunction, Request, RequestHandler, Response } from "express";
import { parseTraceparent, type Span } from "./span";
import type { Tracer } from "./tracer";

/** The span of the request being served (set by `serverSpans`), to rename it or add to it. */
export function requestSpan(response: { locals: Record<string, unknown> }): Span | undefined {
  return response.locals.span as Span | undefined;
}

/**
 * Express middleware: a SERVER span for each request, child of the caller's W3C `traceparent`
 * when it sends one, active for the rest of the request; named `<METHOD> <route>` (no query
 * string: filters may name people or places), with the response's status; 5xx marks it failed.
 * With no tracer it does nothing; with `onlyWithParent`, neither for a request without a valid
 * `traceparent` (a subgraph traces the gateway's traced calls, not the background polls of its
 * neighbours, which would each start a trace).
 */
export function serverSpans(tracer: Tracer | null, onlyWithParent = false): RequestHandler {
  if (!tracer) return (_request, _response, next) => next();
  return (request: Request, response: Response, next: NextFunction) => {
    const parent = parseTraceparent(request.headers.traceparent);
    if (!parent && onlyWithParent) {
      next();
      return;
    }
    const path = request.baseUrl + request.path;
    const span = tracer.startSpan(`${request.method} ${path}`, {
      kind: "server",
      parent,
      attributes: { "http.request.method": request.method, "url.path": path },
    });
    response.locals.span = span;
    const end = () => {
      span.setAttribute("http.response.status_code", response.statusCode);
      if (response.statusCode >= 500) span.fail(`HTTP ${response.statusCode}`);
      span.end();
    };
    response.once("finish", end);
    response.once("close", end);
    tracer.withSpan(span, next);
  };
}
