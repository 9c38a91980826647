import type express from "express";

/**
 * The JSON answer to a request that failed before or outside GraphQL: a body that is not JSON
 * (400), too large (413), another client error (its 4xx), or anything unexpected (500, logged,
 * no detail). On /graphql it has the shape of a GraphQL error; elsewhere `{ error: { message, code } }`.
 * `what` names the request in the log line (`POST /graphql`).
 */
export function httpErrorAnswer(error: unknown, path: string, what: string, log: (message: string) => void): { status: number; body: unknown } {
  let status = 500;
  let code = "INTERNAL_SERVER_ERROR";
  let message = "Internal server error";
  // body-parser's errors (and the fast lane's) carry `type` and `status`; anything may be thrown, though.
  const fields: { type?: unknown; status?: unknown; stack?: unknown; message?: unknown } = typeof error === "object" && error !== null ? error : {};
  if (fields.type === "entity.too.large") {
    [status, code, message] = [413, "BAD_REQUEST", "The request body is too large"];
  } else if (fields.type === "entity.parse.failed" || fields.type === "encoding.unsupported" || fields.type === "charset.unsupported") {
    [status, code, message] = [400, "BAD_REQUEST", "The request body is not valid JSON"];
  } else if (typeof fields.status === "number" && fields.status >= 400 && fields.status < 500) {
    [status, code, message] = [fields.status, "BAD_REQUEST", "Bad request"];
  } else {
    const detail = typeof fields.stack === "string" ? fields.stack : typeof fields.message === "string" ? fields.message : String(error);
    log(`unexpected error on ${what}: ${detail}`);
  }
  return { status, body: path.startsWith("/graphql") ? { errors: [{ message, extensions: { code } }] } : { error: { message, code } } };
}

/**
 * The last error handler: a body that is not JSON, too large, or anything unexpected gets a
 * JSON answer without detail (httpErrorAnswer); never express's HTML page with a stack trace.
 */
export function jsonErrorHandler(log: (message: string) => void): express.ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const { status, body } = httpErrorAnswer(error, request.path, `${request.method} ${request.path}`, log);
    response.status(status).json(body);
  };
}
