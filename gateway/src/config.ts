import { int, oneOf, optional, readServiceConfig, secret, str, url, type CommonConfig, type Env } from "@hub/kit";
import { join } from "node:path";
import type { ProConnectOptions } from "./auth/proconnect.route";

export interface GatewayConfig extends CommonConfig {
  /** GATEWAY_PORT (default 4000). */
  port: number;
  /** SESSION_SECRET: signs session tokens; required in production (≥ 32 characters, not a published one). */
  sessionSecret: string;
  /** Subgraph URLs by supergraph name (PROJECTS_URL, PEOPLE_TERRITORIES_URL, FUNDING_URL, REPORTING_URL). */
  subgraphUrls: Record<string, string>;
  /** WEB_DIST: the built web app served at / (default web/dist of this repository). */
  webDist: string;
  /** SUPERGRAPH_PATH: the composed supergraph (default: the committed schema/supergraph.graphql). */
  supergraphPath: string | undefined;
  /**
   * ProConnect sign-in, enabled when PROCONNECT_ISSUER is set (e.g. https://auth.agentconnect.gouv.fr/api/v2):
   * PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET, PROCONNECT_REDIRECT_URI (…/auth/proconnect/callback),
   * PROCONNECT_SCOPES (default "openid email given_name usual_name siret organizational_unit").
   */
  proconnect: ProConnectOptions | null;
  /** DOCUMENT_MAX_BYTES: the largest file accepted for upload (default 10 MiB, as in the projects subgraph). */
  documentMaxBytes: number;
  /** API_KEY_CACHE_SECONDS (default 30): how long an API key check is reused; a revoked key works at most that long. */
  apiKeyCacheSeconds: number;
  /** HUB_APOLLO_TELEMETRY=enabled opts in to Apollo's anonymous telemetry; off by default. */
  apolloTelemetry: "enabled" | "disabled";
}

export const DEV_SESSION_SECRET = "dev-only-session-secret-never-use-in-production";

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  // One ConfigError lists the common problems and the gateway's.
  return readServiceConfig<Omit<GatewayConfig, keyof CommonConfig>>(
    (mode) =>
      ({
        port: int("GATEWAY_PORT", 4000, 0, 65535),
        sessionSecret: secret("SESSION_SECRET", mode, DEV_SESSION_SECRET),
        subgraphUrls: (e, problems) => ({
          projects: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql")(e, problems),
          "people-territories": url("PEOPLE_TERRITORIES_URL", "http://127.0.0.1:4002/graphql")(e, problems),
          funding: url("FUNDING_URL", "http://127.0.0.1:4003/graphql")(e, problems),
          reporting: url("REPORTING_URL", "http://127.0.0.1:4004/graphql")(e, problems),
        }),
        webDist: str("WEB_DIST", join(__dirname, "..", "..", "web", "dist")),
        supergraphPath: optional("SUPERGRAPH_PATH"),
        proconnect: (e, problems) => {
          const issuer = optional("PROCONNECT_ISSUER")(e, problems);
          if (!issuer) return null;
          return {
            issuer: url("PROCONNECT_ISSUER")(e, problems),
            clientId: str("PROCONNECT_CLIENT_ID")(e, problems),
            clientSecret: str("PROCONNECT_CLIENT_SECRET")(e, problems),
            redirectUri: url("PROCONNECT_REDIRECT_URI")(e, problems),
            scopes: str("PROCONNECT_SCOPES", "openid email given_name usual_name siret organizational_unit")(e, problems),
          };
        },
        documentMaxBytes: int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, 1, 100 * 1024 * 1024),
        apiKeyCacheSeconds: int("API_KEY_CACHE_SECONDS", 30, 0, 3600),
        apolloTelemetry: oneOf("HUB_APOLLO_TELEMETRY", ["enabled", "disabled"] as const, "disabled"),
      }),
    env,
  );
}
