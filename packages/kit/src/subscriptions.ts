import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import { deliverDirectly } from "./direct-delivery";
import { INTERNAL_AUDIENCE, INTERNAL_TOKEN_HEADER, verifyViewer, type Viewer } from "./viewer";

/** An ExecutionResult as the payload of a graphql-ws `next` message (GraphQLErrors by their toJSON). */
export function serializeResult(result: ExecutionResult): string {
  return JSON.stringify({ data: result.data, errors: result.errors });
}

/** The graphql-ws `next` message of subscription `id`, around a payload already serialised (once for all who receive it). */
export function nextMessage(id: string, payloadJson: string): string {
  return `{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`;
}

export interface SubscriptionOptions {
  /**
   * The part of a viewer that the subgraph's reads depend on (e.g. the viewer without its
   * personId, when only organisation, roles and territories decide what it reads). Live events
   * are then executed with that profile, never with the whole viewer, so the result is the
   * same for every subscriber with the same profile, operation and variables, and is computed
   * once per event for all of them. Without it, only subscribers with the very same viewer share.
   */
  readProfile?: (viewer: Viewer) => Viewer;
}

/**
 * graphql-ws on a subgraph's /graphql: the gateway's internal token travels in connection_init
 * (`{"x-hub-internal-token": "..."}`); without a valid one the socket closes (4403). Each event
 * of a subscription is executed with a fresh context, as each HTTP request is: loaders cache
 * what one execution reads, and a subscription's context would otherwise serve its first
 * event's data to every later one. Subscribers of the same operation and variables with the
 * same viewer (or, with `readProfile`, the same profile) share each live event's execution and
 * serialisation, written to each socket as the protocol's `next` message. Returns what closes
 * the server and every open socket.
 */
export function serveSubscriptions(server: Server, schema: GraphQLSchema, secret: string, createContext: (viewer: Viewer) => object, options: SubscriptionOptions = {}): () => Promise<void> {
  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  /** Per operation context: its viewer, and how to send a `next` message of that operation. */
  const operations = new WeakMap<object, { viewer: Viewer; send: (payloadJson: string) => void }>();
  /** A live event's serialised results (the feed hands the same object to every subscriber), by operation and profile. */
  const executions = new WeakMap<object, Map<string, Promise<string>>>();
  const cleanup = useServer<Record<string, unknown> | undefined, { viewer?: Viewer }>(
    {
      schema,
      execute,
      subscribe: async (args: ExecutionArgs) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        // Every operation's context is registered by `context` below before it runs.
        const operation = operations.get(args.contextValue as object);
        if (!operation) throw new Error("subscription without a registered context");
        const { viewer, send } = operation;
        // Executed and serialised once per event for every subscriber of this profile (without
        // readProfile: of this very viewer), operation and variables, then written to each
        // socket as the protocol's `next` message.
        const profile = options.readProfile ? options.readProfile(viewer) : viewer;
        const key = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null, profile]);
        const run = async (event: unknown) => serializeResult(await execute({ ...args, rootValue: event, contextValue: createContext(profile) }));
        return deliverDirectly(
          stream,
          (event) => {
            if (typeof event !== "object" || event === null) return run(event);
            let byKey = executions.get(event);
            if (!byKey) executions.set(event, (byKey = new Map<string, Promise<string>>()));
            let result = byKey.get(key);
            if (!result) byKey.set(key, (result = run(event)));
            return result;
          },
          send,
        );
      },
      onConnect: (ctx) => {
        const token = ctx.connectionParams?.[INTERNAL_TOKEN_HEADER];
        const viewer = typeof token === "string" ? verifyViewer(token, secret, INTERNAL_AUDIENCE) : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx, id) => {
        // Set by onConnect, which runs before any operation.
        const viewer = ctx.extra.viewer;
        if (!viewer) throw new Error("operation on a socket without a viewer");
        const context = createContext(viewer);
        const socket = ctx.extra.socket;
        operations.set(context, { viewer, send: (payloadJson) => socket.send(nextMessage(id, payloadJson)) });
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
