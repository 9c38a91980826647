import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** The error codes of the hub, carried in `extensions.code`. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

const EXPOSED_CODES = new Set<string>([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "UPSTREAM_UNAVAILABLE",
  // Raised by graphql-js / Apollo for malformed documents and variables: safe to show.
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

/** An expected failure: always shown to the client with its code. */
export function hubError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, field?: string) =>
  hubError("BAD_USER_INPUT", message, field ? { field } : {});
export const notFound = (message: string) => hubError("NOT_FOUND", message);
export const unauthenticated = (message = "Authentication required") => hubError("UNAUTHENTICATED", message);
export const forbidden = (message = "Not allowed") => hubError("FORBIDDEN", message);
export const conflict = (message: string) => hubError("CONFLICT", message);
export const upstreamUnavailable = (message: string) => hubError("UPSTREAM_UNAVAILABLE", message);

/**
 * Apollo Server `formatError`: codes we know pass through (without stack traces); anything
 * else is an internal error whose text (SQL, stack, paths) stays in the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (message: string) => void = console.error): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  // graphql-js reports a wrong enum value or a missing argument as a validation error;
  // Apollo tags bad variables BAD_USER_INPUT: both are the caller's fault.
  if (EXPOSED_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions: { ...extensions, code } };
  }
  log(`internal error: ${describe(error)}`);
  return {
    message: "Internal server error",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

function describe(error: unknown): string {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  return original instanceof Error ? (original.stack ?? original.message) : String(original);
}

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UPSTREAM_UNAVAILABLE: 503 };

/**
 * For REST routes (file transfers): the HTTP status and JSON body of an error, with the same
 * codes as GraphQL; anything unexpected is a 500 without detail.
 */
export function restError(error: unknown): { status: number; body: { error: { message: string; code: string } } } {
  if (error instanceof GraphQLError && typeof error.extensions.code === "string" && STATUS[error.extensions.code]) {
    return { status: STATUS[error.extensions.code], body: { error: { message: error.message, code: error.extensions.code } } };
  }
  return { status: 500, body: { error: { message: "Internal server error", code: "INTERNAL_SERVER_ERROR" } } };
}
