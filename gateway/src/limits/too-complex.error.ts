import { GraphQLError } from "graphql";

/** Names of the limits, as reported in `extensions.limit.name`. */
export type LimitName = "depth" | "aliases" | "rootFields" | "directives" | "tokens" | "cost";

const LABELS: Record<LimitName, string> = {
  depth: "depth",
  aliases: "alias count",
  rootFields: "root field count",
  directives: "directive count",
  tokens: "token count",
  cost: "cost",
};

/** QUERY_TOO_COMPLEX, HTTP 400: e.g. "Query cost 1234567 exceeds the limit of 10000". */
export function tooComplex(name: LimitName, max: number, actual: number): GraphQLError {
  return new GraphQLError(`Query ${LABELS[name]} ${actual} exceeds the limit of ${max}`, {
    extensions: { code: "QUERY_TOO_COMPLEX", limit: { name, max, actual }, http: { status: 400 } },
  });
}

/** graphql-js's parser message when `maxTokens` stops it. */
const TOKENS_MESSAGE = /Document contains more th\w+ (\d+) tokens/;

/**
 * The parser's token-limit syntax error as QUERY_TOO_COMPLEX; the parser stops at the limit,
 * so `actual` is the first token over it (a lower bound). Null for any other error.
 */
export function tokenLimitError(message: string): GraphQLError | null {
  const match = TOKENS_MESSAGE.exec(message);
  if (!match) return null;
  const max = Number(match[1]);
  return tooComplex("tokens", max, max + 1);
}
