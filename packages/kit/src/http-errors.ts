import type express from "express";

/**
 * The last error handler: a body that is not JSON, too large, or anything unexpected gets a
 * JSON answer without detail, in the shape of a GraphQL error on /graphql; never express's
 * HTML page with a stack trace.
 */
export function jsonErrorHandler(log: (message: string) => void): express.ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    let status = 500;
    let code = "INTERNAL_SERVER_ERROR";
    let message = "Internal server error";
    // body-parser's errors carry `type` and `status`; anything may be thrown, though.
    const fields: { type?: unknown; status?: unknown; stack?: unknown; message?: unknown } = typeof error === "object" && error !== null ? error : {};
    if (fields.type === "entity.too.large") {
      [status, code, message] = [413, "BAD_REQUEST", "The request body is too large"];
    } else if (fields.type === "entity.parse.failed" || fields.type === "encoding.unsupported" || fields.type === "charset.unsupported") {
      [status, code, message] = [400, "BAD_REQUEST", "The request body is not valid JSON"];
    } else if (typeof fields.status === "number" && fields.status >= 400 && fields.status < 500) {
      [status, code, message] = [fields.status, "BAD_REQUEST", "Bad request"];
    } else {
      const detail = typeof fields.stack === "string" ? fields.stack : typeof fields.message === "string" ? fields.message : String(error);
      log(`unexpected error on ${request.method} ${request.path}: ${detail}`);
    }
    response.status(status).json(request.path.startsWith("/graphql") ? { errors: [{ message, extensions: { code } }] } : { error: { message, code } });
  };
}
