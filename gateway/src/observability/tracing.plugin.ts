import type { ApolloServerPlugin } from "@apollo/server";
import type { Span, Tracer } from "@hub/kit";
import type { GatewayContext } from "../subgraph-data-source";

/**
 * The gateway's span of each GraphQL operation (with tracing on): over HTTP the request's own
 * span (`serverSpans`), renamed `<type> <name>`; over WebSocket (queries and mutations through
 * Apollo) a span of its own. Each subgraph fetch is its child (SubgraphDataSource). Attributes:
 * the operation's type and name and the error codes; never variables nor the query's text.
 */
export function tracingPlugin(tracer: Tracer | null): ApolloServerPlugin<GatewayContext> {
  if (!tracer) return {};
  return {
    requestDidStart({ contextValue }) {
      const own = !contextValue.span;
      const span: Span = contextValue.span ?? tracer.startSpan("graphql", { kind: "server", parent: null });
      contextValue.span = span;
      if (contextValue.requestId) span.setAttribute("hub.request_id", contextValue.requestId);
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          if (!operation) return Promise.resolve();
          span.name = operationName ? `${operation.operation} ${operationName}` : operation.operation;
          span.setAttribute("graphql.operation.type", operation.operation).setAttribute("graphql.operation.name", operationName ?? undefined);
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "INTERNAL_SERVER_ERROR")))];
          if (codes.length > 0) span.setAttribute("graphql.error_codes", codes.join(","));
          if (codes.some((code) => code === "INTERNAL_SERVER_ERROR" || code === "UPSTREAM_UNAVAILABLE")) span.fail(codes.join(","));
          if (own) span.end();
          return Promise.resolve();
        },
      });
    },
  };
}
