import { formatError } from "@hub/kit";
import type { GraphQLFormattedError } from "graphql";
import { withoutSuggestions } from "./introspection";
import { tokenLimitError } from "./limits";

/**
 * The gateway's formatError: a subgraph that cannot be reached becomes UPSTREAM_UNAVAILABLE
 * naming the subgraph (not its address); the parser's token limit becomes QUERY_TOO_COMPLEX;
 * everything else goes through the kit's formatter. With `hideSuggestions` (production), the
 * "Did you mean ...?" of graphql-js's messages is removed, over HTTP and WebSocket alike.
 */
export function gatewayFormatError(subgraphUrls: Record<string, string>, log: (message: string) => void, hideSuggestions = false) {
  const format = formatWith(Object.entries(subgraphUrls), log);
  return hideSuggestions ? (formatted: GraphQLFormattedError, error: unknown) => withoutSuggestions(format(formatted, error)) : format;
}

function formatWith(names: [string, string][], log: (message: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const failed = /^request to (\S+) failed/.exec(formatted.message);
    if (failed) {
      const name = names.find(([, url]) => url === failed[1])?.[0] ?? "a subgraph";
      log(`upstream unavailable: ${formatted.message}`);
      return { message: `Service ${name} is unavailable`, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: name } };
    }
    // The parser's token limit is a syntax error to graphql-js; to the caller, a limit like the others.
    const tokens = tokenLimitError(formatted.message);
    if (tokens) return { message: tokens.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: "QUERY_TOO_COMPLEX", limit: tokens.extensions.limit } };
    return formatError(formatted, error, log);
  };
}
