import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { createLogger, jsonErrorHandler, type ServiceApp, type Viewer } from "@hub/kit";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiKeyAuthenticator } from "./auth/api-keys";
import { devTokenRouter } from "./auth/dev-token.route";
import { proConnectRouter } from "./auth/proconnect.route";
import { credentialFromAuthorization, type Authenticate } from "./auth/session";
import { SessionChecker } from "./auth/session-checker";
import type { GatewayConfig } from "./config";
import { documentsRouter } from "./documents.route";
import { exportsRouter } from "./exports.route";
import { gatewayFormatError } from "./errors";
import { healthRouter } from "./health";
import { limitsPlugin } from "./limits";
import { securityHeaders } from "./security-headers";
import { SubgraphDataSource, type GatewayContext } from "./subgraph-data-source";
import { FederatedSubscriptions } from "./subscriptions/federated-subscriptions";
import { attachWebSocket } from "./websocket";

export type { GatewayContext } from "./subgraph-data-source";

function readSupergraphSdl(config: GatewayConfig): string {
  return readFileSync(config.supergraphPath, "utf8");
}

/**
 * The gateway app (does not listen): /graphql over HTTP (and WebSocket once attached),
 * /health, /auth/dev/token in development, and the web app at /.
 */
export async function createGatewayServer(config: GatewayConfig, quiet = false): Promise<ServiceApp> {
  // @apollo/gateway reports anonymous usage unless told not to: a public service must not.
  // eslint-disable-next-line no-restricted-properties -- a write, read by @apollo/gateway's constructor: the only switch it offers
  if (config.apolloTelemetry !== "enabled") process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const logger = createLogger("gateway", quiet);
  const supergraphSdl = readSupergraphSdl(config);
  // One data source per subgraph, shared by queries and federated subscriptions.
  const dataSource = (name: string, url: string) => new SubgraphDataSource({ name, url, internalTokenSecret: config.internalTokenSecret, timeoutMs: config.subgraphTimeoutMs });
  const dataSources = Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, url]) => [name, dataSource(name, url)]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      if (Object.hasOwn(dataSources, name)) return dataSources[name];
      if (url === undefined) throw new Error(`Subgraph ${name} has no URL in the supergraph`);
      return dataSource(name, url);
    },
  });
  const formatError = gatewayFormatError(config.subgraphUrls, logger.warn);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.mode !== "production",
    includeStacktraceInErrorResponses: false,
    formatError,
    // The parser stops at the token limit; the other limits run before the query plan.
    parseOptions: config.limits ? { maxLexicalTokens: config.limits.maxTokens } : {},
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin(config.limits)],
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
  const authenticate: Authenticate = (header) => credentialFromAuthorization(header, config.sessionSecret, apiKeys, sessions);
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.use(healthRouter(config.subgraphUrls, () => subscriptions.stats()));
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
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ viewer: (await authenticate(req.headers.authorization)).viewer }),
    }),
  );
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
    attach: (server) => {
      closeWebSocket = attachWebSocket(server, apollo, () => apiSchema, authenticate, subscriptions, {
        limits: config.limits,
        webSocket: config.webSocket,
        formatError,
        // With no session cache (0), open sockets are still swept, once a second.
        recheckIntervalMs: Math.max(1, config.sessionCheckSeconds) * 1000,
        refreshSessions: (viewers: Viewer[]) => sessions.areCurrent(viewers, true),
      });
    },
    close: async () => {
      await closeWebSocket();
      await subscriptions.stop();
      stopWatchingSchema();
      await apollo.stop();
    },
  };
}
