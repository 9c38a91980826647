import type express from "express";

/**
 * The last error handler: a body that is not JSON, too large, or anything unexpected gets a
 * JSON answer without detail, in the shape of a GraphQL error on /graphql; never express's
 * HTML page with a stack trace.
 */
export function jsonErrorHandler(log: (message: string) => void): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number; stack?: string; message?: string }, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    let status = 500;
    let code = "INTERNAL_SERVER_ERROR";
    let message = "Internal server error";
    if (error?.type === "entity.too.large") {
      [status, code, message] = [413, "BAD_REQUEST", "The request body is too large"];
    } else if (error?.type === "entity.parse.failed" || error?.type === "encoding.unsupported" || error?.type === "charset.unsupported") {
      [status, code, message] = [400, "BAD_REQUEST", "The request body is not valid JSON"];
    } else if (typeof error?.status === "number" && error.status >= 400 && error.status < 500) {
      [status, code, message] = [error.status, "BAD_REQUEST", "Bad request"];
    } else {
      log(`unexpected error on ${request.method} ${request.path}: ${error?.stack ?? error?.message ?? String(error)}`);
    }
    response.status(status).json(request.path.startsWith("/graphql") ? { errors: [{ message, extensions: { code } }] } : { error: { message, code } });
  };
}
