/**
 * A whole hub for end-to-end tests, in this process, on free ports: the four subgraphs (each
 * on its own fresh database copied from the templates), the Aides-Territoires stand-in and
 * the gateway. Everything started is stopped by `stop()`, in reverse order.
 */
import { createFundingServer, loadProcedures } from "@hub/funding";
import { createAidesTerritoiresStandIn, createDemarchesSimplifieesStandIn, type DsStandIn, type StandIn } from "@hub/funding/stand-in";
import { createGatewayServer, readGatewayConfig, type ProConnectOptions } from "@hub/gateway";
import { DEV_INTERNAL_SECRET, listen, readTracingConfig, withDatabase, type Database, type RunningServer } from "@hub/kit";
import { createPeopleTerritoriesServer } from "@hub/people-territories";
import { startSmtpStandIn, type SmtpStandIn } from "@hub/people-territories/stand-in";
import { createProjectsServer, type S3Options } from "@hub/projects";
import { createReportingServer } from "@hub/reporting";
import { createGristStandIn, type GristStandIn } from "@hub/reporting/stand-in";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { freezePort } from "./frozen-port";
import { withoutRequestId } from "./request-id";
import { templateDatabase, TEMPLATES, testDatabasePrefix } from "./templates";

export type SubgraphName = "projects" | "people-territories" | "funding" | "reporting";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Hub {
  gatewayUrl: string;
  /** Base URL of the gateway (no path). */
  origin: string;
  subgraphs: Record<SubgraphName, RunningServer & { database: Database }>;
  /** The Aides-Territoires stand-in: its stats, fault injection and controls. */
  standIn: RunningServer & Omit<StandIn, "app">;
  /** The Démarches Simplifiées stand-in: its dossiers (move them), faults and call counts. */
  ds: RunningServer & DsStandIn;
  /** The SMTP stand-in people-territories sends notifications to (with `notifications: true`): the e-mails received, `waitFor`, `refuseNext`. */
  mail: SmtpStandIn;
  /** The Grist stand-in: its documents (GRIST_DOCUMENT with table "Projets" exists), 429s on demand, what it received. */
  grist: RunningServer & GristStandIn;
  /** The folder the projects subgraph stores document bytes in (disk storage, when `projectsS3` is not given): `<project id>/<uuid>` files. */
  documentsDir: string;
  /** A session token for a demo account, through POST /auth/dev/token. */
  token(email: string): Promise<string>;
  /** POST /graphql on the gateway; the body without the gateway's `extensions.requestId`. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Stops the projects subgraph and starts it again on the same port and database (a crash and a restart). */
  restartProjects(): Promise<void>;
  /** Stops the projects subgraph (its port stays free for `startProjects`). */
  stopProjects(): Promise<void>;
  startProjects(): Promise<void>;
  /** Stops a subgraph: its port refuses connections until `startSubgraph`. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Stops a subgraph and holds its port: connections are accepted, never answered, until `startSubgraph`. */
  freezeSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped or frozen subgraph again, on the same port and database. */
  startSubgraph(name: SubgraphName): Promise<void>;
  /**
   * Resolves once reporting has projected every activity of the journal so far (its offset is
   * the journal's newest id), checking every 20 ms; throws after 15 s. Reporting's reads never
   * wait for its consumer: tests wait for it here before asserting statistics.
   */
  reportingCaughtUp(): Promise<string>;
  /** The gateway's own database (with `gatewayDatabase: true`; else null: rate limits in memory). */
  gatewayDatabaseUrl: string | null;
  /** Starts another gateway replica, on the same subgraphs, settings and database, on a free port; stopped with the hub. */
  startGateway(): Promise<RunningServer>;
  /** Runs SQL on a subgraph's own database. */
  sql<T = Record<string, unknown>>(subgraph: SubgraphName, text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export const CAMILLE = "camille.martin@clermont-ferrand.demo";
export const JULIEN = "julien.bernard@ddt63.demo";
/** Julien's colleague at the DDT, who follows other themes (energy, urbanism). */
export const AMELIE = "amelie.garnier@ddt63.demo";
export const SOPHIE = "sophie.durand@pref63.demo";
export const NADIA = "nadia.petit@anct.demo";
/** The gateway's session secret in tests (a test may sign a session for a viewer with no demo account). */
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef0123";
export const STAND_IN_API_KEY = "test-aides-territoires-key";
/** The API v2 token of the DS stand-in, configured for FONDS_VERT only (the other démarches are followed by prefill token). */
export const DS_API_TOKEN = "test-ds-api-token";
/** The hub's address in the links of notification e-mails, in tests. */
export const PUBLIC_URL = "http://hub.test";
/** The Grist stand-in's API key, and the document it starts with (table "Projets", no columns). */
export const GRIST_API_KEY = "test-grist-key";
export const GRIST_DOCUMENT = "suivi-crte";

function serverUrl(): string {
  const url = process.env.HUB_TEST_DATABASE_URL;
  if (!url) throw new Error("HUB_TEST_DATABASE_URL is not set: run the tests through jest's global setup");
  return url;
}

/** Copies the template databases into fresh ones named after a random suffix. */
async function createDatabases(suffix: string): Promise<Record<SubgraphName, string>> {
  const admin = new Client({ connectionString: withDatabase(serverUrl(), "postgres") });
  await admin.connect();
  try {
    const urls = {} as Record<SubgraphName, string>;
    for (const template of TEMPLATES) {
      const name = `${testDatabasePrefix()}${suffix}_${template.subgraph.replace("-", "_")}`;
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase(template)}"`);
          break;
        } catch (error) {
          // Another worker is copying the same template at this instant.
          if ((error as { code?: string }).code !== "55006" || attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      urls[template.subgraph] = withDatabase(serverUrl(), name);
    }
    return urls;
  } catch (error) {
    // Leave nothing behind: the copies made before the failure.
    for (const name of (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${testDatabasePrefix()}${suffix}_`])).rows.map((r) => r.datname)) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    throw error;
  } finally {
    await admin.end();
  }
}

async function dropDatabases(urls: string[]): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(serverUrl(), "postgres") });
  await admin.connect();
  try {
    for (const url of urls) await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface HubOptions {
  /** Gateway mode (default development, for the dev sign-in). */
  gatewayMode?: "development" | "production";
  /** Gateway port (default: any free port). */
  gatewayPort?: number;
  /** ProConnect sign-in settings (default: disabled). */
  proconnect?: ProConnectOptions;
  /** Documents in an S3-compatible store instead of a temporary folder. */
  projectsS3?: S3Options;
  /** Gives the gateway a database of its own (GATEWAY_DATABASE_URL: rate-limit buckets shared by replicas); default: none. */
  gatewayDatabase?: boolean;
  /** SESSION_CHECK_SECONDS of the gateway (default 30, as in production). */
  sessionCheckSeconds?: number;
  /**
   * Gateway settings read as from the environment: operation and WebSocket limits (QUERY_*, WS_*),
   * SUBGRAPH_TIMEOUT_MS, METRICS_TOKEN, SUPERGRAPH_PATH and SUPERGRAPH_WATCH_MS, TRUSTED_DOCUMENTS_DIR, RATE_LIMITS and
   * RATE_LIMIT_* (default here: a million a minute, so that only the tests that set them meet them),
   * REDIS_URL and REDIS_KEY_PREFIX (rate limits in Redis).
   */
  gatewayEnv?: Record<string, string>;
  /**
   * People-territories reads the journal and sends notifications to `hub.mail` (default off: its
   * background reads would count in other tests' statement counts).
   */
  notifications?: boolean;
  /** AIDES_TERRITOIRES_CACHE_SECONDS of the funding subgraph (default 6 h, as in production). */
  fundingCacheSeconds?: number;
  /** REPORTING_JOURNAL_PAGE of the reporting subgraph (default 500, as in production). */
  reportingJournalPage?: number;
  /** REPORTING_JOURNAL_BATCH of the reporting subgraph (default 5000, as in production). */
  reportingJournalBatch?: number;
  /** REPORTING_POLL_MS of the reporting subgraph (default 50: tests do not wait for a poll). */
  reportingPollMs?: number;
  /** GRIST_SYNC_SECONDS of the reporting subgraph (default 0: scheduled syncs run only when a test says so). */
  gristSyncSeconds?: number;
  /** GRIST_SYNC_WAIT_MS of the reporting subgraph (default 5000, as in production). */
  gristSyncWaitMs?: number;
  /**
   * OpenTelemetry settings given to every service, gateway and subgraphs (OTEL_EXPORTER_OTLP_ENDPOINT,
   * OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*; see docs/observability.md); default
   * none: tracing off, as when the variables are unset.
   */
  otelEnv?: Record<string, string>;
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const suffix = randomBytes(4).toString("hex");
  const databases = await createDatabases(suffix);
  const stops: (() => Promise<void>)[] = [() => dropDatabases(Object.values(databases))];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
  };
  try {
    const tracing = options.otelEnv ? readTracingConfig(options.otelEnv) : null;
    const common = { mode: "test" as const, internalTokenSecret: DEV_INTERNAL_SECRET, host: "127.0.0.1", port: 0, ...(tracing ? { tracing } : {}) };
    const standInApp = createAidesTerritoiresStandIn({ apiKey: STAND_IN_API_KEY });
    const standIn = await listen({ app: standInApp.app, close: async () => {} }, 0, "127.0.0.1", "/api/");
    stops.push(standIn.stop);
    const { app: _app, ...controls } = standInApp;
    const standInWithStats = Object.assign(standIn, controls);
    const dsApp = createDemarchesSimplifieesStandIn({ apiTokens: { [DS_API_TOKEN]: [90101] } });
    const dsRunning = await listen({ app: dsApp.app, close: async () => {} }, 0, "127.0.0.1", "/api/");
    stops.push(dsRunning.stop);
    const ds = Object.assign(dsRunning, dsApp);
    const gristApp = createGristStandIn({ apiKeys: [GRIST_API_KEY], documents: { [GRIST_DOCUMENT]: ["Projets"] } });
    const gristRunning = await listen({ app: gristApp.app, close: async () => {} }, 0, "127.0.0.1", "/api");
    stops.push(gristRunning.stop);
    const grist = Object.assign(gristRunning, gristApp);
    const started = async (app: Awaited<ReturnType<typeof createProjectsServer>>) => {
      const running = await listen(app, 0);
      stops.push(running.stop);
      return { ...running, database: app.database! };
    };
    const documentsDir = mkdtempSync(join(tmpdir(), "hub-documents-"));
    stops.push(() => rm(documentsDir, { recursive: true, force: true }));
    const projectsConfig = {
      ...common,
      databaseUrl: databases.projects,
      documentsDir,
      documentMaxBytes: 1024 * 1024,
      importMaxBytes: 16 * 1024 * 1024,
      s3: options.projectsS3 ?? null,
      // Reminders are scanned when a test says so (scanReminders with the "now" it chooses).
      reminderScanMs: 0,
      reminderDefaultWeeks: 6,
      inactiveAfterDays: 365,
    };
    const mail = await startSmtpStandIn();
    stops.push(mail.stop);
    const peopleTerritoriesConfig = {
      ...common,
      databaseUrl: databases["people-territories"],
      smtpUrl: mail.smtpUrl,
      mailFrom: "Hub des projets de territoire <notifications@hub.test>",
      publicUrl: PUBLIC_URL,
      projectsUrl: "",
      notifyPollMs: options.notifications ? 200 : 0,
      digestHour: 6,
    };
    const fundingConfig = {
      ...common,
      databaseUrl: databases.funding,
      aidesTerritoiresUrl: `http://127.0.0.1:${standIn.port}`,
      aidesTerritoiresApiKey: STAND_IN_API_KEY,
      aidesTerritoiresCacheSeconds: options.fundingCacheSeconds ?? 6 * 3600,
      demarchesSimplifieesUrl: `http://127.0.0.1:${ds.port}`,
      procedures: loadProcedures(),
      dsApiTokens: { FONDS_VERT: DS_API_TOKEN },
      projectsUrl: "",
      // Followed on demand (refreshFundingApplications) in tests; the outbox retries quickly.
      dsSyncSeconds: 0,
      outboxIntervalMs: 100,
    };
    // The journal consumer looks for new activities often, so that `reportingCaughtUp` returns soon.
    const reportingConfig = {
      ...common,
      databaseUrl: databases.reporting,
      projectsUrl: "",
      pollMs: options.reportingPollMs ?? 50,
      journalPageSize: options.reportingJournalPage ?? 500,
      journalBatchSize: options.reportingJournalBatch ?? 5000,
      peopleTerritoriesUrl: "",
      publicUrl: "https://hub.example.fr",
      grist: { url: `http://127.0.0.1:${grist.port}/api`, apiKey: GRIST_API_KEY },
      gristSyncSeconds: options.gristSyncSeconds ?? 0,
      gristSyncWaitMs: options.gristSyncWaitMs ?? 5000,
    };
    // How to (re)create each subgraph, for a start after a stop or a freeze.
    const create = {
      projects: () => createProjectsServer(projectsConfig, true),
      "people-territories": () => createPeopleTerritoriesServer(peopleTerritoriesConfig, true),
      funding: () => createFundingServer(fundingConfig, true),
      reporting: () => createReportingServer(reportingConfig, true),
    } satisfies Record<SubgraphName, () => Promise<unknown>>;
    const projects = await started(await create.projects());
    fundingConfig.projectsUrl = reportingConfig.projectsUrl = peopleTerritoriesConfig.projectsUrl = projects.url;
    const peopleTerritories = await started(await create["people-territories"]());
    reportingConfig.peopleTerritoriesUrl = peopleTerritories.url;
    const funding = await started(await create.funding());
    const reporting = await started(await create.reporting());
    const subgraphs = { projects, "people-territories": peopleTerritories, funding, reporting };
    const thaw = new Map<SubgraphName, () => Promise<void>>();
    // Rate limits far above what a test sends, unless the test sets its own (RATE_LIMIT_*).
    const generous = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000", RATE_LIMIT_PERSON_PER_MINUTE: "1000000", RATE_LIMIT_API_KEY_PER_MINUTE: "1000000" };
    const { limits, webSocket, webDist, supergraphPath, supergraphWatchMs, subgraphTimeoutMs, subgraphResilience, metricsToken, logLevel, rateLimits, trustProxyHops, trustedDocumentsDir } =
      readGatewayConfig({
        HUB_MODE: "test",
        ...generous,
        ...options.gatewayEnv,
      });
    // Redis for the rate limits when the test gives REDIS_URL (else PostgreSQL or memory), read as the gateway reads it.
    const { redisUrl, redisKeyPrefix } = readGatewayConfig({ HUB_MODE: "test", ...options.gatewayEnv });
    const gatewayDatabaseUrl = options.gatewayDatabase ? withDatabase(serverUrl(), `${testDatabasePrefix()}${suffix}_gateway`) : null;
    if (gatewayDatabaseUrl) stops.splice(1, 0, () => dropDatabases([gatewayDatabaseUrl]));
    // One gateway replica (the hub's, or another on the same database: startGateway).
    const gatewayServer = () =>
      createGatewayServer(
        {
          ...common,
          mode: options.gatewayMode ?? "development",
          sessionSecret: TEST_SESSION_SECRET,
          subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
          webDist,
          supergraphPath,
          supergraphWatchMs,
          apolloTelemetry: "disabled",
          // Revocation takes effect at once in tests.
          apiKeyCacheSeconds: 0,
          sessionCheckSeconds: options.sessionCheckSeconds ?? 30,
          documentMaxBytes: 1024 * 1024,
          importMaxBytes: 16 * 1024 * 1024,
          proconnect: options.proconnect ?? null,
          limits,
          webSocket,
          subgraphTimeoutMs,
          subgraphResilience,
          metricsToken,
          logLevel,
          rateLimits,
          databaseUrl: gatewayDatabaseUrl,
          redisUrl,
          redisKeyPrefix,
          trustProxyHops,
          trustedDocumentsDir,
        },
        true,
      );
    const gateway = await listen(await gatewayServer(), options.gatewayPort ?? 0);
    stops.push(gateway.stop);
    const origin = `http://127.0.0.1:${gateway.port}`;
    const hub: Hub = {
      gatewayUrl: gateway.url,
      origin,
      subgraphs,
      standIn: standInWithStats,
      ds,
      mail,
      grist,
      documentsDir,
      token: async (email) => {
        const response = await fetch(`${origin}/auth/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
        const body = (await response.json()) as { token?: string; error?: string };
        if (!body.token) throw new Error(`no token for ${email}: ${response.status} ${body.error}`);
        return body.token;
      },
      query: async (query, variables, token) => {
        const response = await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, ...withoutRequestId((await response.json()) as object) };
      },
      gatewayDatabaseUrl,
      startGateway: async () => {
        const replica = await listen(await gatewayServer(), 0);
        stops.push(replica.stop);
        return replica;
      },
      sql: (subgraph, text, params) => subgraphs[subgraph].database.dataSource.query(text, params),
      reportingCaughtUp: async () => {
        const [{ latest }] = await hub.sql<{ latest: string }>("projects", "SELECT COALESCE(max(id), 0)::text AS latest FROM activity");
        for (let waited = 0; ; waited += 20) {
          const offset = (await hub.sql<{ offset: string }>("reporting", "SELECT last_id::text AS offset FROM journal_offset")).at(0)?.offset ?? "0";
          if (BigInt(offset) >= BigInt(latest)) return latest;
          if (waited > 15_000) throw new Error(`reporting is still at activity ${offset} of ${latest} after 15 s`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      restartProjects: async () => {
        await hub.stopProjects();
        await hub.startProjects();
      },
      stopProjects: () => hub.stopSubgraph("projects"),
      startProjects: () => hub.startSubgraph("projects"),
      stopSubgraph: (name) => subgraphs[name].stop(),
      freezeSubgraph: async (name) => {
        await subgraphs[name].stop();
        const close = await freezePort(subgraphs[name].port);
        thaw.set(name, close);
        stops.push(close);
      },
      startSubgraph: async (name) => {
        await thaw.get(name)?.();
        thaw.delete(name);
        const app = await create[name]();
        const running = await listen(app, subgraphs[name].port);
        stops.push(running.stop);
        subgraphs[name] = { ...running, database: app.database! };
      },
      stop,
    };
    return hub;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The codes of a response's errors. */
export function codes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
