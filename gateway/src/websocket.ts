import type { ApolloServer } from "@apollo/server";
import { batchWrites, nextMessage, type Viewer } from "@hub/kit";
import { print, type ExecutionResult, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import type { Authenticate } from "./auth/session";
import { SocketGuard } from "./auth/socket-guard";
import type { GatewayContext } from "./server";
import type { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";
import type { Deliver } from "./subscriptions/shared-upstream";

/** The context of an operation over WebSocket: the viewer, and where a subscription's events go. */
interface SocketContext extends GatewayContext {
  deliver: Deliver;
}

/**
 * graphql-ws on /graphql, beside HTTP. The token travels in connection_init
 * (`{"authorization": "Bearer ..."}`); a bad one closes the socket with 4403, and so does a
 * credential that stops holding while the socket is open (SocketGuard). Queries and
 * mutations run through the same Apollo pipeline as HTTP; subscriptions are federated
 * (FederatedSubscriptions), their events sent as `next` messages by `deliver`.
 */
export function attachWebSocket(
  server: Server,
  apollo: ApolloServer<GatewayContext>,
  currentSchema: () => GraphQLSchema | null,
  authenticate: Authenticate,
  subscriptions: FederatedSubscriptions,
  recheckIntervalMs: number,
  refreshSessions?: (viewers: Viewer[]) => Promise<unknown>,
): () => Promise<void> {
  const guard = new SocketGuard({ authenticate, intervalMs: recheckIntervalMs, refreshSessions });
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
        const credential = await guard.admit(ctx.extra.socket, ctx.connectionParams?.authorization);
        if (!credential) return false;
        ctx.extra.viewer = credential.viewer;
        return true;
      },
      // Each operation re-checks the credential: a suspended person's socket closes (4403).
      onSubscribe: async (ctx) => (await guard.recheck(ctx.extra.socket)) ?? undefined,
      context: (ctx, id): SocketContext => ({
        viewer: ctx.extra.viewer!,
        // A subscription's events are written straight to the socket, serialised once for all
        // who share them (graphql-ws would serialise each copy): the protocol's `next` message.
        deliver: (payloadJson) => ctx.extra.socket.send(nextMessage(id, payloadJson)),
      }),
      execute: async (args) => {
        const response = await apollo.executeOperation(
          { query: print(args.document), variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined, operationName: args.operationName ?? undefined },
          { contextValue: args.contextValue as GatewayContext },
        );
        if (response.body.kind !== "single") throw new Error("incremental delivery is not supported");
        return response.body.singleResult as ExecutionResult;
      },
      subscribe: async (args) => {
        const context = args.contextValue as SocketContext;
        return subscriptions.subscribe(args.document, args.operationName ?? undefined, (args.variableValues ?? {}) as Record<string, unknown>, context.viewer, context.deliver);
      },
    },
    wsServer,
  );
  return async () => {
    guard.stop();
    await cleanup.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
