import type { ApolloServer } from "@apollo/server";
import { nextMessage, type Span, type Tracer, type Viewer } from "@hub/kit";
import { getOperationAST, GraphQLError, OperationTypeNode, parse, print, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { ServerOptions, SubscribePayload } from "graphql-ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import type { Authenticate, Credential } from "./auth/session";
import { SocketGuard } from "./auth/socket-guard";
import type { WebSocketLimits } from "./config";
import { limitsFor, tokenLimitError, validateOperation, type OperationLimits } from "./limits";
import { notInList, sha256, type TrustedDocuments } from "./persisted";
import { clientAddress, rateLimited, type RateLimiter } from "./rate-limits";
import type { GatewayContext } from "./server";
import type { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";
import type { Deliver } from "./subscriptions/shared-upstream";
import { limitBufferedOutput, subscriberOf, type Subscriber, type SubscriptionSlots } from "./websocket-limits";

/** The context of an operation over WebSocket: the viewer, and where a subscription's events go. */
interface SocketContext extends GatewayContext {
  deliver: Deliver;
  /** The socket and the operation's id (for the subscription's span). */
  socketOperation: { extra: object; id: string };
}

type ConnectionExtra = { viewer?: Viewer; credential?: Credential };

/** Close code of a socket whose caller went past its rate (graphql-ws's "too many requests"). */
export const CLOSE_RATE_LIMITED = 4429;
type Hooks = Required<Pick<ServerOptions<Record<string, unknown> | undefined, Extra & ConnectionExtra>, "onSubscribe" | "onNext" | "onError" | "onComplete" | "onClose">>;
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface WebSocketOptions {
  /** Operation limits, as over HTTP (null: off). */
  limits: OperationLimits | null;
  webSocket: WebSocketLimits;
  /** The gateway's formatError: errors over WebSocket are masked as over HTTP. */
  formatError: FormatError;
  /** How often open sockets' credentials are checked again (SESSION_CHECK_SECONDS). */
  recheckIntervalMs: number;
  /** Asks people-territories again about these viewers' sessions (the periodic sweep). */
  refreshSessions?: (viewers: Viewer[]) => Promise<unknown>;
  /** Per-caller rate limits: connection_init and each subscribe message take a token. */
  rateLimiter: RateLimiter;
  /** TRUST_PROXY_HOPS, to find an anonymous caller's address. */
  trustProxyHops: number;
  /** Registered operations, for keys that run those only (sent in full over WebSocket). */
  trusted: TrustedDocuments;
  /** Live subscriptions per connection and per caller (WS_MAX_SUBSCRIPTIONS_*), also read by /metrics. */
  slots: SubscriptionSlots;
  /** Traces (null: off): a span for each subscription, from subscribe to its end. */
  tracer?: Tracer | null;
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
  options: WebSocketOptions,
): () => Promise<void> {
  const guard = new SocketGuard({ authenticate, intervalMs: options.recheckIntervalMs, refreshSessions: options.refreshSessions });
  // A frame over maxPayload makes ws close the socket with 1009 (Message Too Big).
  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: options.webSocket.maxPayloadBytes });
  wsServer.on("connection", (client: WebSocket) => limitBufferedOutput(client, options.webSocket.maxBufferedBytes));
  const hooks = operationHooks(currentSchema, options);
  // The open subscriptions' spans, by socket and operation id: ended when the subscription ends.
  const spans = new WeakMap<object, Map<string, Span>>();
  const endSpan = (extra: object, id: string | null, reason?: string) => {
    const open = spans.get(extra);
    for (const [key, span] of open ?? []) {
      if (id !== null && key !== id) continue;
      if (reason) span.fail(reason);
      span.end();
      open?.delete(key);
    }
  };
  /**
   * Null while the socket's caller has tokens left; else the socket is closed with 4429 (all its
   * subscriptions end: the caller is over its rate, the same bucket as over HTTP) and the refusal returned.
   */
  const overRate = async (extra: Extra & ConnectionExtra): Promise<readonly GraphQLError[] | null> => {
    if (!extra.credential) return null;
    const retryAfter = await options.rateLimiter.retryAfter(extra.credential, clientAddress(extra.request, options.trustProxyHops), "ws");
    if (retryAfter === null) return null;
    extra.socket.close(CLOSE_RATE_LIMITED, `Too many requests: retry in ${retryAfter} s`);
    return [rateLimited(retryAfter)];
  };
  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema: () => {
        const schema = currentSchema();
        if (!schema) throw new Error("schema not loaded");
        return schema;
      },
      connectionInitWaitTimeout: options.webSocket.initTimeoutMs,
      ...hooks,
      onComplete: (ctx, id, payload) => {
        endSpan(ctx.extra, id);
        return hooks.onComplete(ctx, id, payload);
      },
      onError: (ctx, id, payload, errors) => {
        endSpan(ctx.extra, id, "error");
        return hooks.onError(ctx, id, payload, errors);
      },
      onClose: (ctx, code, reason) => {
        endSpan(ctx.extra, null);
        return hooks.onClose(ctx, code, reason);
      },
      onConnect: async (ctx) => {
        const credential = await guard.admit(ctx.extra.socket, ctx.connectionParams?.authorization);
        if (!credential) return false;
        ctx.extra.viewer = credential.viewer;
        ctx.extra.credential = credential;
        // A caller past its rate, or holding all the subscriptions its cap allows, gets no
        // connection (4429; graphql-ws's own 4403 then finds it closing).
        const caller = subscriberOfSocket(ctx.extra, options.trustProxyHops);
        if (options.slots.full(caller)) {
          const { max, per } = options.slots.capOf(caller);
          ctx.extra.socket.close(CLOSE_RATE_LIMITED, `Too many subscriptions: at most ${max} per ${per}`);
          return false;
        }
        return (await overRate(ctx.extra)) === null;
      },
      // Each operation re-checks the credential first (a suspended person's socket closes with
      // 4403), takes a token from the caller's bucket (past its rate, the socket closes with
      // 4429), then goes through the limits.
      onSubscribe: async (ctx, id, payload) => (await guard.recheck(ctx.extra.socket)) ?? (await overRate(ctx.extra)) ?? hooks.onSubscribe(ctx, id, payload),
      context: (ctx, id): SocketContext => {
        // Set by onConnect, which runs before any operation.
        const viewer = ctx.extra.viewer;
        if (!viewer) throw new Error("operation on a socket without a viewer");
        return {
          viewer,
          programme: ctx.extra.credential?.programme ?? null,
          operationChecked: true,
          closeRateLimited: (reason) => ctx.extra.socket.close(CLOSE_RATE_LIMITED, reason),
          // Each operation over the socket is a request of its own.
          requestId: randomUUID(),
          // A subscription's events are written straight to the socket, serialised once for all
          // who share them (graphql-ws would serialise each copy): the protocol's `next` message.
          deliver: (payloadJson) => ctx.extra.socket.send(nextMessage(id, payloadJson)),
          socketOperation: { extra: ctx.extra, id },
        };
      },
      execute: async (args) => {
        const response = await apollo.executeOperation(
          { query: print(args.document), variables: args.variableValues ?? undefined, operationName: args.operationName ?? undefined },
          { contextValue: args.contextValue as GatewayContext },
        );
        if (response.body.kind !== "single") throw new Error("incremental delivery is not supported");
        return response.body.singleResult as ExecutionResult;
      },
      subscribe: (args) => {
        const context = args.contextValue as SocketContext;
        if (options.tracer) {
          const name = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value;
          const span = options.tracer.startSpan(name ? `subscription ${name}` : "subscription", {
            kind: "server",
            parent: null,
            attributes: { "graphql.operation.type": "subscription", "graphql.operation.name": name, "hub.request_id": context.requestId },
          });
          const { extra, id } = context.socketOperation;
          spans.set(extra, (spans.get(extra) ?? new Map<string, Span>()).set(id, span));
        }
        return subscriptions.subscribe(args.document, args.operationName ?? undefined, args.variableValues ?? {}, context.viewer, context.deliver);
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

/** Who a socket's subscriptions count for (its key, person or address behind TRUST_PROXY_HOPS). */
function subscriberOfSocket(extra: Extra & ConnectionExtra, trustProxyHops: number): Subscriber {
  return subscriberOf(extra.credential, clientAddress(extra.request, trustProxyHops));
}

/**
 * What every operation over WebSocket goes through before anything runs: parsing with the
 * token limit, graphql-js validation and the gateway's limits (subscriptions do not pass
 * through Apollo), the subscription caps; and the masking of every error sent back.
 */
function operationHooks(currentSchema: () => GraphQLSchema | null, options: WebSocketOptions): Hooks {
  const slots = options.slots;
  const format = (error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError => {
    if (!(error instanceof GraphQLError)) return error;
    // `http` (a status for Apollo over HTTP) means nothing here.
    const { http: _http, ...extensions } = error.extensions;
    return options.formatError({ ...error.toJSON(), extensions }, error);
  };
  return {
    onSubscribe: async (ctx, id, payload: SubscribePayload) => {
      const schema = currentSchema();
      if (!schema) return [new GraphQLError("The schema is not loaded yet", { extensions: { code: "UPSTREAM_UNAVAILABLE" } })];
      let document: DocumentNode;
      try {
        document = parse(payload.query, options.limits ? { maxLexicalTokens: options.limits.maxTokens } : undefined);
      } catch (error) {
        const message = (error as Error).message;
        return [tokenLimitError(message) ?? new GraphQLError(message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
      }
      // A key limited to registered operations: its text must be one of them.
      if (ctx.extra.credential?.programme?.trustedOperationsOnly && !options.trusted.has(sha256(payload.query))) return [notInList(sha256(payload.query))];
      const variables = payload.variables ?? undefined;
      let cost = 0;
      const programme = ctx.extra.credential?.programme ?? null;
      const errors = validateOperation(schema, document, variables, limitsFor(options.limits, { programme }), (part) => (cost += part));
      // graphql-js's own validation errors carry no code: Apollo's name for them over HTTP.
      if (errors.length > 0) return errors.map((e) => (e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })));
      if (getOperationAST(document, payload.operationName)?.operation === OperationTypeNode.SUBSCRIPTION) {
        const caller = subscriberOfSocket(ctx.extra, options.trustProxyHops);
        const refused = slots.acquire(ctx.extra, id, caller);
        if (refused) return [refused];
        // A subscription's cost is taken from its key's budget per minute once, when it starts
        // (queries and mutations over the socket pay theirs in Apollo's limits plugin): past the
        // budget, the socket closes with 4429 as for them.
        const overBudget = programme ? await options.rateLimiter.spendCost(programme, cost, "ws") : null;
        if (overBudget) {
          slots.release(ctx.extra, id);
          ctx.extra.socket.close(CLOSE_RATE_LIMITED, overBudget.message);
          return [overBudget];
        }
      }
      return { schema, document, operationName: payload.operationName, variableValues: variables };
    },
    // Query and mutation results come formatted by Apollo; anything else is formatted here.
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(format) } : undefined),
    onError: (_ctx, _id, _payload, errors) => errors.map(format),
    onComplete: (ctx, id) => slots.release(ctx.extra, id),
    onClose: (ctx) => slots.releaseAll(ctx.extra),
  };
}
