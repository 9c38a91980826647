import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HubMode, SubgraphConfig } from "./config";
import { openDatabase, statementScope, type Database, type DatabaseOptions } from "./database";
import { formatError } from "./errors";
import { BODY_LIMIT_BYTES, withGraphqlFastLane } from "./graphql-fast-lane";
import { jsonErrorHandler } from "./http-errors";
import { serveSubscriptions } from "./subscriptions";
import { createLogger, type Logger } from "./logger";
import { createTracer, requestSpan, serverSpans, traceStatements, type Tracer } from "./tracing";
import { VerifiedTokens } from "./verified-tokens";
import { INTERNAL_AUDIENCE, INTERNAL_TOKEN_HEADER, type Viewer } from "./viewer";

export interface SubgraphServerOptions<C> {
  name: string;
  schema: GraphQLSchema;
  database: Database;
  mode: HubMode;
  internalTokenSecret: string;
  logger: Logger;
  /** The per-request context (DataLoaders are created here, never shared between requests). */
  createContext: (viewer: Viewer) => C;
  /** Extra routes mounted before /graphql (for example an internal stand-in). */
  extend?: (app: express.Express) => void;
  /** Serve the schema's subscriptions over graphql-ws on /graphql too. */
  subscriptions?: boolean;
  /** See SubscriptionOptions.readProfile. */
  readProfile?: (viewer: Viewer) => Viewer;
  /** Released when the service stops (listeners, timers). */
  onClose?: () => Promise<void>;
  /** Traces (null: off): a span per request, child of the gateway's `traceparent`, and its SQL statements beneath. */
  tracer?: Tracer | null;
}

/** The operation a subgraph request runs, for its span: `query Name`, `mutation Name`... */
function operationLabel(body: unknown): { type: string; name: string | null } {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  const type = typeof query === "string" ? (/^\s*(query|mutation|subscription)\b/.exec(query)?.[1] ?? "query") : "query";
  return { type, name: typeof operationName === "string" && operationName !== "" ? operationName : null };
}

/** A service ready to listen: its express app and what to release when it stops. */
export interface ServiceApp {
  app: express.Express;
  /** The request listener, when not `app` itself (the GraphQL fast lane in front of it: withGraphqlFastLane). */
  handler?: RequestListener;
  /** Releases everything but the listening socket (Apollo, database pools, timers). */
  close(): Promise<void>;
  /** Called once the HTTP server exists, e.g. to accept WebSocket upgrades on it. */
  attach?(server: Server): void;
  /** The service's database, for tests and benchmarks (SQL assertions, statement counts). */
  database?: Database;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Uses no `this`: a list of cleanups may hold it. */
  stop: () => Promise<void>;
}

/**
 * A subgraph's HTTP app (it does not listen): POST /graphql, which refuses any call without
 * a valid internal token signed by the gateway, and GET /health.
 */
export async function createSubgraphApp<C extends object>(options: SubgraphServerOptions<C>): Promise<ServiceApp> {
  // The gateway reuses a viewer's internal token for a while: its signature is checked once.
  const internalTokens = new VerifiedTokens(options.internalTokenSecret, INTERNAL_AUDIENCE);
  /** A request's context: its viewer from the gateway's internal token, or UNAUTHENTICATED (401). */
  const context = (request: IncomingMessage): Promise<C> => {
    const token = request.headers[INTERNAL_TOKEN_HEADER];
    const viewer = typeof token === "string" ? (internalTokens.verify(token)?.viewer ?? null) : null;
    if (!viewer) {
      return Promise.reject(
        new GraphQLError("A valid internal token from the gateway is required", {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        }),
      );
    }
    const scope = statementScope.getStore();
    if (scope) scope.service = viewer.roles.includes("SERVICE");
    return Promise.resolve(options.createContext(viewer));
  };
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: options.mode !== "production",
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, options.logger.error),
    // No cache hints in our schemas (answers depend on the viewer): without the cache-control
    // plugin, Apollo does not wrap every field's resolver to collect them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  const tracer = options.tracer ?? null;
  // Every traced call but /health gets a span (the REST routes' file transfers, exports, /graphql).
  const spans = serverSpans(tracer, true);
  app.use((request, response, next) => {
    if (request.path === "/health") next();
    else void spans(request, response, next);
  });
  app.get("/health", async (_request, response) => {
    try {
      await options.database.dataSource.query("SELECT 1");
      response.json({ status: "ok", service: options.name });
    } catch {
      response.status(503).json({ status: "down", service: options.name, reason: "database unreachable" });
    }
  });
  options.extend?.(app);
  app.use(
    "/graphql",
    express.json({ limit: BODY_LIMIT_BYTES }),
    // After the body is read (its stream events would lose the scope): the rest of the request runs in it.
    (request: express.Request, response: express.Response, next: express.NextFunction) => {
      const span = requestSpan(response);
      if (!tracer || !span) {
        statementScope.run({ service: false }, next);
        return;
      }
      const { type, name } = operationLabel(request.body);
      span.name = name ? `${type} ${name}` : type;
      span.setAttribute("graphql.operation.type", type).setAttribute("graphql.operation.name", name);
      // The span is active again (the body's stream events lost it), with the statement scope.
      statementScope.run({ service: false }, () => tracer.withSpan(span, next));
    },
    expressMiddleware(apollo, { context: ({ req }) => context(req) }),
  );
  // Malformed or oversized JSON, or any unexpected failure: a JSON answer without detail.
  app.use(jsonErrorHandler(options.logger.error));

  let closeSubscriptions: () => Promise<void> = async () => {};
  return {
    app,
    // Without tracing, POST /graphql in JSON goes straight to Apollo (the app's /graphql serves the rest the same way).
    handler: withGraphqlFastLane({ apollo, app, tracer, context, around: (handle) => statementScope.run({ service: false }, handle), log: options.logger.error }),
    database: options.database,
    attach: options.subscriptions
      ? (server) => {
          closeSubscriptions = serveSubscriptions(server, options.schema, options.internalTokenSecret, options.createContext, { readProfile: options.readProfile });
        }
      : undefined,
    close: async () => {
      await closeSubscriptions();
      await options.onClose?.();
      await apollo.stop();
      await options.database.dataSource.destroy();
      await tracer?.shutdown();
    },
  };
}

/** How long an idle keep-alive HTTP connection stays open. */
export const KEEP_ALIVE_MS = 65_000;

/** Listens on `port` (0 = any free port); `stop` closes connections, then the service. */
export async function listen(service: ServiceApp, port: number, host = "127.0.0.1", path = "/graphql"): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(service.handler ?? service.app).listen(port, host, () => resolve(listening));
    listening.once("error", reject);
  });
  // The gateway's HTTP client keeps idle connections with no time limit. With Node's 5 s
  // default the server closes them often, and a request written on a socket it is just
  // closing fails with "socket hang up" (UPSTREAM_UNAVAILABLE under load); 65 s makes it rare.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  service.attach?.(server);
  let stopped: Promise<void> | undefined;
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}${path}`,
    port: actualPort,
    // Idempotent: stopping twice (a test, then its teardown) is harmless.
    stop: () =>
      (stopped ??= (async () => {
        // Stop accepting, cut HTTP connections, then close the service (which ends WebSocket
        // connections, that the HTTP server does not track), then wait for the server to end.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await service.close();
        await closed;
      })()),
  };
}

/** What makes one subgraph: its tables, its schema, its start-up work and its request context. */
export interface SubgraphDefinition<C> {
  name: string;
  entities: DatabaseOptions["entities"];
  migrations: DatabaseOptions["migrations"];
  schema: GraphQLSchema;
  /** Start-up work after migrations (reference data, demo data), logged through `logger`. */
  prepare?: (database: Database, logger: Logger) => void | Promise<void>;
  /** The per-request context: DataLoaders are created here, never shared between requests. */
  createContext: (database: Database, viewer: Viewer) => C;
  /** Serve subscriptions over graphql-ws (default false). */
  subscriptions?: boolean;
  /**
   * What of a viewer this subgraph's reads depend on, when that is less than the whole viewer
   * (see SubscriptionOptions.readProfile): subscribers with the same profile share the
   * execution of each live event.
   */
  readProfile?: (viewer: Viewer) => Viewer;
  /** Released when the service stops, before the database. */
  onClose?: () => Promise<void>;
  /** REST routes beside /graphql (file transfers), mounted before it. */
  routes?: (app: express.Express, database: Database) => void;
}

/** Opens the subgraph's database (migrations), runs its start-up work and builds its app. Does not listen. */
export async function createSubgraph<C extends object>(config: SubgraphConfig, definition: SubgraphDefinition<C>, quiet = false): Promise<ServiceApp> {
  const logger = createLogger(definition.name, quiet);
  const tracer = createTracer(config.tracing, definition.name, logger);
  const database = await openDatabase({ url: config.databaseUrl, entities: definition.entities, migrations: definition.migrations });
  if (tracer) traceStatements(database.dataSource, tracer);
  try {
    await definition.prepare?.(database, logger);
  } catch (error) {
    await database.dataSource.destroy();
    throw error;
  }
  const routes = definition.routes;
  return createSubgraphApp({
    name: definition.name,
    schema: definition.schema,
    database,
    mode: config.mode,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    createContext: (viewer) => definition.createContext(database, viewer),
    subscriptions: definition.subscriptions,
    readProfile: definition.readProfile,
    onClose: definition.onClose,
    extend: routes ? (app) => routes(app, database) : undefined,
    tracer,
  });
}
