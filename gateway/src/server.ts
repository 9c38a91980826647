import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { BODY_LIMIT_BYTES, createTracer, jsonErrorHandler, requestSpan, serverSpans, VerifiedTokens, withGraphqlFastLane, type LaneResponse, type ServiceApp, type Viewer } from "@hub/kit";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { ApiKeyAuthenticator } from "./auth/api-keys";
import { devTokenRouter } from "./auth/dev-token.route";
import { proConnectRouter } from "./auth/proconnect.route";
import { credentialFromAuthorization, SESSION_AUDIENCE, type Authenticate } from "./auth/session";
import { SessionChecker } from "./auth/session-checker";
import type { GatewayConfig } from "./config";
import { documentsRouter } from "./documents.route";
import { importsRouter } from "./imports.route";
import { explorerRouter } from "./explorer.route";
import { exportsRouter } from "./exports.route";
import { gatewayFormatError } from "./errors";
import { healthRouter } from "./health";
import { introspectionPlugin } from "./introspection";
import { limitsPlugin } from "./limits";
import { assignRequestId, createGatewayLogger, GatewayMetrics, metricsRouter, observabilityPlugin, tracingPlugin } from "./observability";
import { PersistedQueryStore, TrustedDocuments, trustedDocumentsPlugin } from "./persisted";
import { clientAddress, openBuckets, RateLimiter } from "./rate-limits";
import { securityHeaders } from "./security-headers";
import { SubgraphDataSource, type GatewayContext } from "./subgraph-data-source";
import { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";
import { watchedSupergraph } from "./supergraph-watch";
import { attachWebSocket } from "./websocket";
import { SubscriptionSlots } from "./websocket-limits";

export type { GatewayContext } from "./subgraph-data-source";

function readSupergraphSdl(config: GatewayConfig): string {
  return readFileSync(config.supergraphPath, "utf8");
}

/**
 * The gateway app (does not listen): /graphql over HTTP (and WebSocket once attached),
 * /health and /ready, /auth/dev/token in development, the web app at / and the GraphQL explorer at /explorer.
 */
export async function createGatewayServer(config: GatewayConfig, quiet = false): Promise<ServiceApp> {
  // @apollo/gateway reports anonymous usage unless told not to: a public service must not.
  // eslint-disable-next-line no-restricted-properties -- a write, read by @apollo/gateway's constructor: the only switch it offers
  if (config.apolloTelemetry !== "enabled") process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const { json: log, logger, close: closeLog } = createGatewayLogger(quiet ? "error" : config.logLevel);
  const supergraphSdl = readSupergraphSdl(config);
  // Live subscriptions per connection and per caller (the WebSocket's caps, read by /metrics too).
  const slots = new SubscriptionSlots({
    perConnection: config.webSocket.maxSubscriptionsPerConnection,
    perViewer: config.webSocket.maxSubscriptionsPerViewer,
    perApiKey: config.webSocket.maxSubscriptionsPerApiKey,
  });
  // Where the rate limits' buckets are (the stores are opened below).
  const rateLimitStore = () => ({ configured: buckets.configured, current: buckets.current });
  // OpenTelemetry traces when an OTLP endpoint is configured (docs/observability.md); else null, nothing sent.
  const tracer = createTracer(config.tracing, "gateway", logger);
  // One data source per subgraph, shared by queries and federated subscriptions.
  // Read at each scrape: the subscriptions are built below, on the same data sources.
  const metrics: GatewayMetrics = new GatewayMetrics(
    () => subscriptions.stats(),
    () => Object.entries(dataSources).map(([name, source]) => ({ subgraph: name, state: source.circuitState })),
    { rateLimitStore, subscribers: () => slots.stats() },
  );
  const dataSource = (name: string, url: string) =>
    new SubgraphDataSource({
      name,
      url,
      internalTokenSecret: config.internalTokenSecret,
      timeoutMs: config.subgraphTimeoutMs,
      resilience: config.subgraphResilience,
      onCall: metrics.subgraphCall.bind(metrics),
      onShared: metrics.subgraphShare.bind(metrics),
      onRefused: metrics.subgraphRefusal.bind(metrics),
      tracer,
    });
  const dataSources = Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, url]) => [name, dataSource(name, url)]));
  const gateway = new ApolloGateway({
    // Hot reload: a new supergraph file replaces the schema without a restart (SUPERGRAPH_WATCH_MS).
    supergraphSdl: watchedSupergraph({
      path: config.supergraphPath,
      initialSdl: supergraphSdl,
      intervalMs: config.supergraphWatchMs,
      beforeUpdate: (sdl) => subscriptions.updateSupergraph(sdl),
      logger,
    }),
    buildService: ({ name, url }) => {
      if (Object.hasOwn(dataSources, name)) return dataSources[name];
      if (url === undefined) throw new Error(`Subgraph ${name} has no URL in the supergraph`);
      return dataSource(name, url);
    },
  });
  // Per-caller token buckets, shared by the replicas through Redis or the gateway's database when configured.
  const buckets = await openBuckets(config, logger, metrics.rateLimitStoreFallback.bind(metrics));
  const rateLimiter = new RateLimiter(config.rateLimits, buckets, metrics.rateLimitRefusal.bind(metrics));
  // Registered operations: the web app's (written at its build) and the programmes' manifests.
  const trusted = new TrustedDocuments(TrustedDocuments.files(config.webDist, config.trustedDocumentsDir), logger);
  const formatError = gatewayFormatError(config.subgraphUrls, logger.warn, config.mode === "production");
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Anonymous callers in production are refused by introspectionPlugin.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // The parser stops at the token limit; the other limits run before the query plan.
    parseOptions: config.limits ? { maxLexicalTokens: config.limits.maxTokens } : {},
    // APQ for everyone (extensions.persistedQuery.sha256Hash); registered operations are always known by hash.
    persistedQueries: { cache: new PersistedQueryStore(trusted) },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      introspectionPlugin(config.mode),
      trustedDocumentsPlugin(trusted),
      limitsPlugin(config.limits, rateLimiter.spendCost.bind(rateLimiter)),
      observabilityPlugin(log, metrics),
      tracingPlugin(tracer),
    ],
  });
  const subscriptions = new FederatedSubscriptions({
    supergraphSdl,
    dataSources,
    subgraphUrls: config.subgraphUrls,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    formatError,
  });
  let apiSchema: GraphQLSchema | null = null;
  const stopWatchingSchema = gateway.onSchemaLoadOrUpdate((update) => {
    apiSchema = update.apiSchema;
  });
  await apollo.start();

  const apiKeys = new ApiKeyAuthenticator({
    peopleTerritoriesUrl: config.subgraphUrls["people-territories"],
    internalTokenSecret: config.internalTokenSecret,
    cacheMs: config.apiKeyCacheSeconds * 1000,
  });
  const sessions = new SessionChecker({
    peopleTerritoriesUrl: config.subgraphUrls["people-territories"],
    internalTokenSecret: config.internalTokenSecret,
    cacheMs: config.sessionCheckSeconds * 1000,
  });
  const sessionTokens = new VerifiedTokens(config.sessionSecret, SESSION_AUDIENCE);
  const authenticate: Authenticate = (header) => credentialFromAuthorization(header, sessionTokens, apiKeys, sessions);
  const app = express();
  app.disable("x-powered-by");
  // No ETag: a GraphQL answer is not revalidated (hashing each body cost every request a SHA-1).
  app.disable("etag");
  app.use(securityHeaders);
  app.use(assignRequestId);
  // A span for each GraphQL request and each REST route that calls a subgraph (with tracing on).
  app.use(["/graphql", "/exports", "/imports", "/documents", "/projects"], serverSpans(tracer));
  // First: every GraphQL request would otherwise walk past each router below (express matches
  // them one by one), none of which serves /graphql.
  /** An operation's context over HTTP: who calls (authenticated, within its rate), the request's id and span. */
  const graphqlContext = async (request: IncomingMessage, response: LaneResponse): Promise<GatewayContext> => {
    const credential = await authenticate(request.headers.authorization);
    // Every request counts, even one that will not parse: 429 with Retry-After past the caller's rate.
    await rateLimiter.admit(credential, clientAddress(request, config.trustProxyHops));
    return { viewer: credential.viewer, programme: credential.programme, requestId: response.locals.requestId as string, span: requestSpan(response) };
  };
  app.use("/graphql", express.json({ limit: BODY_LIMIT_BYTES }), expressMiddleware(apollo, { context: ({ req, res }) => graphqlContext(req, res) }));
  app.use(metricsRouter(metrics, config.metricsToken, config.mode));
  app.use(
    healthRouter({
      subgraphUrls: config.subgraphUrls,
      supergraphLoaded: () => apiSchema !== null,
      subscriptions: () => subscriptions.stats(),
      // Shown when there is a shared store to fall from.
      rateLimitStore: buckets.configured.length > 1 ? rateLimitStore : undefined,
    }),
  );
  app.use(
    devTokenRouter({
      enabled: config.mode === "development",
      peopleTerritoriesUrl: config.subgraphUrls["people-territories"],
      internalTokenSecret: config.internalTokenSecret,
      sessionSecret: config.sessionSecret,
    }),
  );
  app.use(
    documentsRouter({
      projectsUrl: config.subgraphUrls.projects,
      internalTokenSecret: config.internalTokenSecret,
      maxBytes: config.documentMaxBytes,
      authenticate: async (header) => (await authenticate(header)).viewer,
    }),
  );
  app.use(
    importsRouter({
      projectsUrl: config.subgraphUrls.projects,
      internalTokenSecret: config.internalTokenSecret,
      maxBytes: config.importMaxBytes,
      authenticate: async (header) => (await authenticate(header)).viewer,
    }),
  );
  app.use(
    exportsRouter({
      reportingUrl: config.subgraphUrls.reporting,
      internalTokenSecret: config.internalTokenSecret,
      timeoutMs: config.subgraphTimeoutMs,
      authenticate: async (header) => (await authenticate(header)).viewer,
    }),
  );
  app.get("/auth/methods", (_request, response) => {
    response.json({ dev: config.mode === "development", proconnect: config.proconnect !== null });
  });
  if (config.proconnect) {
    app.use(proConnectRouter(config.proconnect, config.subgraphUrls["people-territories"], config.internalTokenSecret, config.sessionSecret, logger.warn));
  }
  app.use(explorerRouter({ webDist: config.webDist, apiSchema: () => apiSchema, authenticate: async (header) => (await authenticate(header)).viewer }));
  if (existsSync(join(config.webDist, "index.html"))) {
    app.use(express.static(config.webDist, { index: "index.html" }));
  } else {
    logger.warn(`no web app at ${config.webDist}: run \`npm run build\``);
  }
  // Malformed or oversized JSON, or anything unexpected: JSON without detail, never a stack.
  app.use(jsonErrorHandler(logger.error));

  let closeWebSocket: () => Promise<void> = async () => {};
  return {
    app,
    // Without tracing, POST /graphql in JSON goes straight to Apollo, past express (the app's
    // /graphql above serves the rest the same way: GET, other bodies, and every request when traced).
    handler: withGraphqlFastLane({
      apollo,
      app,
      tracer,
      prepare: (request, response) => {
        securityHeaders(request, response, () => undefined);
        assignRequestId(request, response, () => undefined);
      },
      context: graphqlContext,
      log: logger.error,
    }),
    attach: (server) => {
      closeWebSocket = attachWebSocket(server, apollo, () => apiSchema, authenticate, subscriptions, {
        limits: config.limits,
        webSocket: config.webSocket,
        formatError,
        // With no session cache (0), open sockets are still swept, once a second.
        recheckIntervalMs: Math.max(1, config.sessionCheckSeconds) * 1000,
        refreshSessions: (viewers: Viewer[]) => sessions.areCurrent(viewers, true),
        rateLimiter,
        trustProxyHops: config.trustProxyHops,
        trusted,
        slots,
        tracer,
      });
    },
    close: async () => {
      await closeWebSocket();
      await subscriptions.stop();
      stopWatchingSchema();
      await apollo.stop();
      await rateLimiter.close();
      for (const source of Object.values(dataSources)) source.close();
      await tracer?.shutdown();
      closeLog();
    },
  };
}
