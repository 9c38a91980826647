import type { ApolloServer } from "@apollo/server";
import { batchWrites, type Viewer } from "@hub/kit";
import { print, type ExecutionResult, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import type { GatewayContext } from "./server";
import type { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";

/**
 * graphql-ws on /graphql, beside HTTP. The token travels in connection_init
 * (`{"authorization": "Bearer ..."}`); a bad one closes the socket with 4403. Queries and
 * mutations run through the same Apollo pipeline as HTTP; subscriptions are federated
 * (FederatedSubscriptions).
 */
export function attachWebSocket(
  server: Server,
  apollo: ApolloServer<GatewayContext>,
  currentSchema: () => GraphQLSchema | null,
  authenticate: (authorization: unknown) => Promise<Viewer>,
  subscriptions: FederatedSubscriptions,
): () => Promise<void> {
  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  wsServer.on("connection", batchWrites);
  const cleanup = useServer<Record<string, unknown> | undefined, { viewer?: Viewer }>(
    {
      schema: () => {
        const schema = currentSchema();
        if (!schema) throw new Error("schema not loaded");
        return schema;
      },
      onConnect: async (ctx) => {
        try {
          ctx.extra.viewer = await authenticate(ctx.connectionParams?.authorization);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ({ viewer: ctx.extra.viewer! }),
      execute: async (args) => {
        const response = await apollo.executeOperation(
          { query: print(args.document), variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined, operationName: args.operationName ?? undefined },
          { contextValue: args.contextValue as GatewayContext },
        );
        if (response.body.kind !== "single") throw new Error("incremental delivery is not supported");
        return response.body.singleResult as ExecutionResult;
      },
      subscribe: async (args) =>
        subscriptions.subscribe(args.document, args.operationName ?? undefined, (args.variableValues ?? {}) as Record<string, unknown>, (args.contextValue as GatewayContext).viewer),
    },
    wsServer,
  );
  return async () => {
    await cleanup.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
