import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import { batchWrites } from "./ws-batching";
import { INTERNAL_AUDIENCE, INTERNAL_TOKEN_HEADER, verifyViewer, type Viewer } from "./viewer";

/**
 * graphql-ws on a subgraph's /graphql: the gateway's internal token travels in connection_init
 * (`{"x-hub-internal-token": "..."}`); without a valid one the socket closes (4403). Each event
 * of a subscription is executed with a fresh context, as each HTTP request is: loaders cache
 * what one execution reads, and a subscription's context would otherwise serve its first
 * event's data to every later one. Returns what closes the server and every open socket.
 */
export function serveSubscriptions<C extends object>(server: Server, schema: GraphQLSchema, secret: string, createContext: (viewer: Viewer) => C): () => Promise<void> {
  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  wsServer.on("connection", batchWrites);
  const viewers = new WeakMap<object, Viewer>();
  const cleanup = useServer<Record<string, unknown> | undefined, { viewer?: Viewer }>(
    {
      schema,
      execute,
      subscribe: async (args: ExecutionArgs) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const viewer = viewers.get(args.contextValue as object)!;
        return mapEvents(stream, (event) => execute({ ...args, rootValue: event, contextValue: createContext(viewer) }));
      },
      onConnect: (ctx) => {
        const token = ctx.connectionParams?.[INTERNAL_TOKEN_HEADER];
        const viewer = typeof token === "string" ? verifyViewer(token, secret, INTERNAL_AUDIENCE) : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx) => {
        const context = createContext(ctx.extra.viewer!);
        viewers.set(context, ctx.extra.viewer!);
        return context;
      },
    },
    wsServer,
  );
  return async () => {
    for (const client of wsServer.clients) client.terminate();
    await cleanup.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}

/** The events of `source`, each executed by `map`, in order; closing the result closes the source. */
function mapEvents<T>(source: AsyncIterable<T>, map: (event: T) => Promise<ExecutionResult> | ExecutionResult): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const result = await iterator.next();
      return result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
