import type { ApolloServerPlugin } from "@apollo/server";
import type { Viewer } from "@hub/kit";
import type { GatewayContext } from "../subgraph-data-source";
import type { JsonLogger } from "./logger";
import type { GatewayMetrics } from "./metrics";

/** What kind of caller, never who: logs carry no personal data. */
function callerKind(viewer: Viewer | undefined): string {
  if (!viewer || viewer.roles.length === 0) return "anonymous";
  return viewer.personId ? "person" : "programme";
}

/**
 * For every operation Apollo answers (HTTP, and WebSocket queries and mutations): its request id
 * in the response's `extensions.requestId`, one JSON log line (request id, operation name and
 * type, duration, error codes, kind of caller: no variables, no query text, no identity) and
 * the metrics.
 */
export function observabilityPlugin(log: JsonLogger, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ response, operationName, operation, contextValue }) {
          const durationMs = performance.now() - started;
          const { requestId } = contextValue;
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "INTERNAL_SERVER_ERROR"));
          if (response.body.kind === "single" && requestId) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId };
          }
          const type = operation?.operation ?? "unknown";
          metrics.operation(operationName ?? undefined, type, durationMs / 1000, codes);
          log.info({ requestId, operation: operationName ?? null, type, durationMs: Math.round(durationMs * 10) / 10, errors: codes, caller: callerKind(contextValue.viewer) }, "graphql operation");
          return Promise.resolve();
        },
      });
    },
  };
}
