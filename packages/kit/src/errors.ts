import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** The error codes of the hub, carried in `extensions.code`. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE"
  | "QUERY_TOO_COMPLEX"
  | "TOO_MANY_SUBSCRIPTIONS"
  | "RATE_LIMITED"
  | "COST_BUDGET_EXCEEDED"
  | "PERSISTED_QUERY_NOT_IN_LIST"
  | "INTERNAL_SERVER_ERROR";

const EXPOSED_CODES = new Set<string>([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "UPSTREAM_UNAVAILABLE",
  // The gateway's operation limits (depth, cost...) and WebSocket subscription caps.
  "QUERY_TOO_COMPLEX",
  "TOO_MANY_SUBSCRIPTIONS",
  // The gateway's per-caller rate limits, and its trusted documents (an API key limited to registered operations).
  "RATE_LIMITED",
  // A programme key past its cost budget per minute.
  "COST_BUDGET_EXCEEDED",
  "PERSISTED_QUERY_NOT_IN_LIST",
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

export const badInput = (message: string, field?: string) => hubError("BAD_USER_INPUT", message, field ? { field } : {});
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
  if (isInvalidCharacter(error)) {
    return { message: "Invalid character in input", path: formatted.path, locations: formatted.locations, extensions: { code: "BAD_USER_INPUT" } };
  }
  const given = formatted.extensions?.code;
  const code = typeof given === "string" ? given : "INTERNAL_SERVER_ERROR";
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

/**
 * PostgreSQL refuses some characters in text (U+0000, or one the encoding lacks): the input
 * was at fault. A safety net behind the gateway's own check of NUL characters.
 */
const INVALID_CHARACTER_STATES = new Set(["22021", "22P05"]);

function isInvalidCharacter(error: unknown): boolean {
  const original = (error instanceof GraphQLError ? error.originalError : error) as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const state = original?.driverError?.code ?? original?.code;
  return typeof state === "string" && INVALID_CHARACTER_STATES.has(state);
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
