// `npm run bench`: the hub's benchmarks, all of them or those named in BENCH_ONLY, in this
// order: import and statements (people-territories in this process, on a PostgreSQL server of
// their own), then federated and search (through the hub, which the bench starts unless
// BENCH_HUB_URL names a running one), then subscriptions and inbox (through a hub on a data
// folder of their own, seeded once with 1,000 submitted projects), then reporting (through a hub
// on a third data folder, seeded with a national portfolio). Prints the figures, writes bench/results/latest.json, and
// exits non-zero when anything failed, including a single error response.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { benchDatabaseName, dropDatabase, openBenchServer } from "./bench-database";
import { runBoardBench } from "./board-bench";
import { createCleanups } from "./cleanup";
import { runFederatedBench } from "./federated-bench";
import { fundingDatabaseUrl, runFundingBench } from "./funding-bench";
import { runGatewayBench } from "./gateway-bench";
import { embeddedPostgresInUse, HUB_PORT, HUB_POSTGRES_PORT } from "./hub-process";
import { openHub } from "./hub-session";
import { runImportBench } from "./import-bench";
import { runInboxBench } from "./inbox-bench";
import { runLimitsBench } from "./limits-bench";
import { serviceDatabaseUrl } from "./hub-databases";
import { seedPortfolio, type PortfolioSeed } from "./portfolio-seed";
import { runReportingBench } from "./reporting-bench";
import { machine, printHeader } from "./machine";
import type { BenchOutcome } from "./report";
import { runResourcesBench } from "./resources-bench";
import { runSuggestionsBench } from "./suggestions-bench";
import { runSearchBench } from "./search-bench";
import { DATABASE_BENCHMARKS, HUB_BENCHMARKS, PROJECTS_HUB_BENCHMARKS, readSettings, REPORTING_HUB_BENCHMARKS, type BenchmarkName } from "./settings";
import { runStatementsBench } from "./statements-bench";
import { runSubscriptionsBench } from "./subscriptions-bench";

const ROOT = resolve(__dirname, "..", "..");
const RESULTS_DIR = join(ROOT, "bench", "results");
const cleanups = createCleanups();

let interrupted = false;
/** Read through a call: the signal handler sets `interrupted` while benchmarks await. */
const isInterrupted = () => interrupted;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** After Ctrl-C nothing new starts: the signal handler is releasing what exists. */
const checkpoint = () => {
  if (isInterrupted()) throw new Error("interrupted");
};

async function main(): Promise<number> {
  const settings = readSettings(process.env);
  printHeader(settings.only);
  const benchmarks: Partial<Record<BenchmarkName, Record<string, unknown>>> = {};
  const failures: string[] = [];

  /** Runs one benchmark; its failures (or the error that stopped it) are recorded, the others still run. */
  const run = async (name: BenchmarkName, bench: () => Promise<BenchOutcome>) => {
    if (isInterrupted()) return;
    console.log(`\n== ${name} ${"=".repeat(Math.max(0, 70 - name.length))}`);
    const started = performance.now();
    try {
      const { failures: found, result } = await bench();
      benchmarks[name] = { ok: found.length === 0, failures: found, elapsedMs: performance.now() - started, ...result };
      failures.push(...found.map((failure) => `${name}: ${failure}`));
    } catch (error) {
      benchmarks[name] = { ok: false, error: describe(error), elapsedMs: performance.now() - started };
      failures.push(`${name}: ${describe(error)}`);
      if (!isInterrupted()) console.error(`\n${name} failed: ${describe(error)}`);
    }
  };
  /** Sets up what `names` share; a set-up (or clean-up) error fails those not run yet. */
  const group = async (names: BenchmarkName[], body: () => Promise<void>) => {
    try {
      checkpoint();
      await body();
    } catch (error) {
      const notRun = names.filter((name) => !(name in benchmarks));
      for (const name of notRun) benchmarks[name] = { ok: false, error: describe(error) };
      failures.push(`${notRun.length > 0 ? notRun.join(", ") : names.join(", ")}: ${describe(error)}`);
      if (!isInterrupted()) console.error(`\n${names.join(", ")}: ${describe(error)}`);
    }
  };

  let database: { server: string; name: string } | null = null;
  const databaseBenches = settings.only.filter((name) => DATABASE_BENCHMARKS.includes(name));
  if (databaseBenches.length > 0) {
    await group(databaseBenches, async () => {
      console.log(`\n${settings.databaseUrl ? "PostgreSQL from DATABASE_URL" : "starting an embedded PostgreSQL server for the import and statements benchmarks"} ...`);
      const server = await openBenchServer(settings.databaseUrl);
      const stopServer = cleanups.add("stop the bench's PostgreSQL server", server.stop);
      const name = benchDatabaseName();
      const drop = cleanups.add(`drop database ${name}`, () => dropDatabase(server.url, name));
      checkpoint();
      const where = new URL(server.url);
      database = { server: server.embedded ? `embedded, ${where.host}, temporary` : `DATABASE_URL, ${where.host}`, name };
      console.log(`PostgreSQL: ${database.server}; database ${name}`);
      try {
        if (databaseBenches.includes("import")) await run("import", () => runImportBench(server.url, name));
        if (databaseBenches.includes("statements")) await run("statements", () => runStatementsBench(server.url, name, settings.timeoutMs));
        // In a database of its own (the projects subgraph's tables and migrations), dropped after.
        if (databaseBenches.includes("board")) await run("board", () => runBoardBench(server.url, settings.timeoutMs));
      } finally {
        await drop();
        console.log(`\ndatabase ${name} dropped`);
        await stopServer();
      }
    });
  }

  let hub: { gatewayUrl: string; startedByBench: boolean; startMs: number | null } | null = null;
  const hubBenches = settings.only.filter((name) => HUB_BENCHMARKS.includes(name));
  if (hubBenches.length > 0) {
    await group(hubBenches, async () => {
      console.log("");
      let stopHub = async () => {};
      try {
        const session = await openHub(settings, { dataDir: settings.dataDir }, ROOT, join(RESULTS_DIR, "hub.log"), (stop) => (stopHub = cleanups.add("stop the hub", stop)));
        hub = { gatewayUrl: session.gatewayUrl, startedByBench: session.startedByBench, startMs: session.startMs };
        if (hubBenches.includes("federated")) await run("federated", () => runFederatedBench(session.gatewayUrl, settings));
        if (hubBenches.includes("gateway")) await run("gateway", () => runGatewayBench({ gatewayUrl: session.gatewayUrl, root: ROOT, startPid: session.startPid }, settings));
        if (hubBenches.includes("funding")) {
          const fundingDatabase = session.startedByBench ? fundingDatabaseUrl(settings.dataDir, settings.databaseUrl, HUB_POSTGRES_PORT) : null;
          await run("funding", () => runFundingBench({ gatewayUrl: session.gatewayUrl, standInUrl: `http://127.0.0.1:${HUB_PORT.standIn}`, fundingDatabaseUrl: fundingDatabase }, settings));
        }
        if (hubBenches.includes("search")) await run("search", () => runSearchBench(session.gatewayUrl, settings));
        if (hubBenches.includes("resources")) {
          const fundingDatabase = session.startedByBench ? fundingDatabaseUrl(settings.dataDir, settings.databaseUrl, HUB_POSTGRES_PORT) : null;
          await run("resources", () => runResourcesBench(session.gatewayUrl, fundingDatabase, settings));
        }
        if (hubBenches.includes("suggestions")) {
          const fundingDatabase = session.startedByBench ? fundingDatabaseUrl(settings.dataDir, settings.databaseUrl, HUB_POSTGRES_PORT) : null;
          await run("suggestions", () => runSuggestionsBench(session.gatewayUrl, fundingDatabase, settings));
        }
        if (hubBenches.includes("limits")) await run("limits", () => runLimitsBench(session.gatewayUrl, ROOT, settings));
      } finally {
        await stopHub();
      }
    });
  }

  // A hub of their own (.data/bench-projects): their 1,000 projects would change the others' figures.
  let projectsHub: { gatewayUrl: string; startedByBench: boolean; startMs: number | null; dataDir: string } | null = null;
  const projectsBenches = settings.only.filter((name) => PROJECTS_HUB_BENCHMARKS.includes(name));
  if (projectsBenches.length > 0) {
    await group(projectsBenches, async () => {
      console.log("");
      let stopHub = async () => {};
      try {
        const logPath = join(RESULTS_DIR, "hub-projects.log");
        const options = { dataDir: settings.projectsDataDir, ownPostgres: true };
        const session = await openHub(settings, options, ROOT, logPath, (stop) => (stopHub = cleanups.add("stop the hub", stop)));
        projectsHub = { gatewayUrl: session.gatewayUrl, startedByBench: session.startedByBench, startMs: session.startMs, dataDir: relative(ROOT, settings.projectsDataDir) };
        const hubInfo = { gatewayUrl: session.gatewayUrl, startPid: session.startPid };
        // subscriptions first: it reads the gateway's memory, which the inbox's load would have inflated.
        if (projectsBenches.includes("subscriptions")) await run("subscriptions", () => runSubscriptionsBench(hubInfo, settings));
        if (projectsBenches.includes("inbox")) await run("inbox", () => runInboxBench(hubInfo, settings));
      } finally {
        await stopHub();
      }
    });
  }

  // A hub of its own (.data/bench-reporting), seeded with a national portfolio of BENCH_PROJECTS projects.
  let reportingHub: { gatewayUrl: string; startMs: number | null; dataDir: string; seed: PortfolioSeed } | null = null;
  const reportingBenches = settings.only.filter((name) => REPORTING_HUB_BENCHMARKS.includes(name));
  if (reportingBenches.length > 0) {
    await group(reportingBenches, async () => {
      console.log("");
      if (settings.hubUrl) throw new Error("reporting seeds and reads the databases of a hub the bench starts: it does not run with BENCH_HUB_URL");
      // The seed starts the hub's PostgreSQL for itself: it must not write into another server.
      const postgresPort = settings.databaseUrl ? null : await embeddedPostgresInUse();
      if (postgresPort !== null)
        throw new Error(`port ${postgresPort} is taken: the seed would write into that PostgreSQL server instead of ${relative(ROOT, settings.reportingDataDir)}. Stop it first`);
      const seed = await seedPortfolio(ROOT, settings.reportingDataDir, settings.projects);
      checkpoint();
      let stopHub = async () => {};
      try {
        const logPath = join(RESULTS_DIR, "hub-reporting.log");
        const options = { dataDir: settings.reportingDataDir, ownPostgres: true };
        const session = await openHub(settings, options, ROOT, logPath, (stop) => (stopHub = cleanups.add("stop the hub", stop)));
        if (session.startPid === undefined) throw new Error("the hub's start.mjs has no pid");
        const startPid = session.startPid;
        reportingHub = { gatewayUrl: session.gatewayUrl, startMs: session.startMs, dataDir: relative(ROOT, settings.reportingDataDir), seed };
        const projectsDatabaseUrl = serviceDatabaseUrl(settings.reportingDataDir, settings.databaseUrl, HUB_POSTGRES_PORT, "hub_projects", "projects");
        await run("reporting", () => runReportingBench({ gatewayUrl: session.gatewayUrl, startPid, projectsDatabaseUrl }, settings));
      } finally {
        await stopHub();
      }
    });
  }

  // Interrupted: the signal handler is releasing everything and exits; the last results stay.
  if (isInterrupted()) return 130;
  const file = join(RESULTS_DIR, "latest.json");
  mkdirSync(RESULTS_DIR, { recursive: true });
  const { databaseUrl: _secret, ...shown } = settings;
  const record = {
    finishedAt: new Date().toISOString(),
    ok: failures.length === 0,
    only: settings.only,
    failures,
    settings: { ...shown, dataDir: relative(ROOT, settings.dataDir), projectsDataDir: relative(ROOT, settings.projectsDataDir), reportingDataDir: relative(ROOT, settings.reportingDataDir) },
    machine: machine(),
    hub,
    projectsHub,
    reportingHub,
    database,
    benchmarks,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\n${settings.only.map((name) => `${name}: ${benchmarks[name]?.ok ? "ok" : "FAILED"}`).join(", ")}; raw results: ${relative(ROOT, file)}`);

  if (failures.length > 0) {
    console.error(`\nFAILED:`);
    for (const failure of failures) console.error(`  ${failure}`);
    return 1;
  }
  return 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (isInterrupted()) return;
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping`);
    void cleanups.runAll().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    if (!isInterrupted()) console.error(`\nbench failed: ${describe(error)}`);
    return 1;
  })
  .then(async (code) => {
    if (isInterrupted()) return;
    await cleanups.runAll();
    process.exit(code);
  })
  .catch((error: unknown) => {
    // A cleanup that fails (a server that will not stop) still ends the bench, with its reason.
    console.error(`\nbench cleanup failed: ${describe(error)}`);
    process.exit(1);
  });
