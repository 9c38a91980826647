import { execute, subscribe, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import { batchWrites } from "./ws-batching";
import { INTERNAL_AUDIENCE, INTERNAL_TOKEN_HEADER, verifyViewer, type Viewer } from "./viewer";

/**
 * graphql-ws on a subgraph's /graphql: the gateway's internal token travels in connection_init
 * (`{"x-hub-internal-token": "..."}`); without a valid one the socket closes (4403). Returns
 * what closes the server and every open socket.
 */
export function serveSubscriptions<C extends object>(server: Server, schema: GraphQLSchema, secret: string, createContext: (viewer: Viewer) => C): () => Promise<void> {
  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  wsServer.on("connection", batchWrites);
  const cleanup = useServer<Record<string, unknown> | undefined, { viewer?: Viewer }>(
    {
      schema,
      execute,
      subscribe,
      onConnect: (ctx) => {
        const token = ctx.connectionParams?.[INTERNAL_TOKEN_HEADER];
        const viewer = typeof token === "string" ? verifyViewer(token, secret, INTERNAL_AUDIENCE) : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx) => createContext(ctx.extra.viewer!),
    },
    wsServer,
  );
  return async () => {
    for (const client of wsServer.clients) client.terminate();
    await cleanup.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
