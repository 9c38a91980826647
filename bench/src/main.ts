// `npm run bench`: the "federated query" benchmark. Starts the hub (unless BENCH_HUB_URL names
// a running one), checks each query once, then loads each subgraph alone and the gateway with a
// closed loop of C workers, prints the figures and writes them to bench/results/latest.json.
// Exits non-zero when anything failed, including a single error response.
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { busyPorts, embeddedPostgresInUse, HUB_PORTS, spawnHub, waitForExternalHub, type HubProcess } from "./hub-process";
import { runPhase, summarize } from "./load";
import { ratioLines, ratios, resultsTable, type ScenarioResult } from "./report";
import { buildScenarios, DEMO_EMAIL, demoViewer, describeFederatedAnswer, devSessionToken, endpoints, graphqlOnce, internalHeaders } from "./scenarios";
import { readSettings } from "./settings";

const ROOT = resolve(__dirname, "..", "..");
const RESULTS_DIR = join(ROOT, "bench", "results");
const HUB_START_TIMEOUT_MS = 180_000;
const EXTERNAL_HUB_TIMEOUT_MS = 15_000;

let hub: HubProcess | undefined;

async function main(): Promise<number> {
  const settings = readSettings(process.env);
  printHeader();
  const gatewayUrl = settings.hubUrl ?? "http://127.0.0.1:4000";
  let hubStartMs: number | null = null;

  if (settings.hubUrl) {
    console.log(`using the running hub at ${gatewayUrl} (BENCH_HUB_URL)`);
    await waitForExternalHub(gatewayUrl, EXTERNAL_HUB_TIMEOUT_MS);
  } else {
    const busy = await busyPorts(HUB_PORTS);
    if (busy.length > 0) {
      throw new Error(`port(s) ${busy.join(", ")} already in use on 127.0.0.1: is a hub already running? Stop it, or benchmark it with BENCH_HUB_URL=http://127.0.0.1:4000`);
    }
    const postgresPort = await embeddedPostgresInUse();
    if (postgresPort !== null) console.log(`note: port ${postgresPort} is taken, so the hub reuses that PostgreSQL server instead of starting one in ${relative(ROOT, settings.dataDir)}`);
    const logPath = join(RESULTS_DIR, "hub.log");
    console.log(`starting the hub: node scripts/start.mjs, HUB_DATA_DIR=${relative(ROOT, settings.dataDir)}, output in ${relative(ROOT, logPath)} ...`);
    hub = spawnHub({ root: ROOT, dataDir: settings.dataDir, gatewayUrl, logPath });
    hubStartMs = await hub.waitUntilHealthy(HUB_START_TIMEOUT_MS);
    console.log(`hub healthy after ${(hubStartMs / 1000).toFixed(1)} s`);
  }

  const urls = endpoints(gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const sessionToken = await devSessionToken(gatewayUrl, DEMO_EMAIL);
  const viewer = await demoViewer(urls.peopleTerritories, secret, DEMO_EMAIL);
  console.log(`signed in as ${DEMO_EMAIL} (${viewer.roles.join(", ")}; organization ${viewer.organizationId})`);
  const scenarios = buildScenarios(urls, sessionToken, internalHeaders(viewer, secret));

  console.log("\nchecking each query once:");
  for (const scenario of scenarios) {
    const { url, body } = scenario.request;
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    let data: unknown;
    try {
      data = await graphqlOnce(url, scenario.request.headers(), query, variables);
    } catch (error) {
      throw new Error(`${scenario.name}: the query failed before measuring: ${(error as Error).message}`);
    }
    const problem = scenario.inspect(data);
    if (problem) throw new Error(`${scenario.name}: unexpected answer before measuring: ${problem}: ${JSON.stringify(data).slice(0, 300)}`);
    console.log(`  ok  ${scenario.name.padEnd(18)} ${scenario.name === "federated" ? describeFederatedAnswer(data) : JSON.stringify(data).slice(0, 90)}`);
  }

  console.log(`\nload: ${settings.concurrency} concurrent workers, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per scenario`);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const phase = { concurrency: settings.concurrency, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
    const warmup = settings.warmupSeconds > 0 ? await runPhase(scenario.request, { ...phase, durationMs: settings.warmupSeconds * 1000 }) : null;
    const measured = await runPhase(scenario.request, { ...phase, durationMs: settings.seconds * 1000 });
    const errorSamples: Record<string, number> = { ...warmup?.errorSamples };
    for (const [message, count] of Object.entries(measured.errorSamples)) errorSamples[message] = (errorSamples[message] ?? 0) + count;
    const result: ScenarioResult = {
      name: scenario.name,
      description: scenario.description,
      url: scenario.request.url,
      warmup: { requests: warmup?.requests ?? 0, errors: warmup?.errors ?? 0, elapsedMs: warmup?.elapsedMs ?? 0 },
      measured: summarize(measured),
      errorSamples,
    };
    results.push(result);
    const m = result.measured;
    console.log(`  ${scenario.name.padEnd(18)} ${m.requests} requests, ${m.rps.toFixed(1)} rps, p50 ${m.p50.toFixed(2)} ms, ${m.errors + result.warmup.errors} errors`);
  }

  const federated = results.find((r) => r.name === "federated")!;
  const baselines = results.filter((r) => r.name !== "federated");
  const totalErrors = results.reduce((sum, r) => sum + r.measured.errors + r.warmup.errors, 0);

  console.log(`\nresults (${settings.seconds} s measured, C=${settings.concurrency}; latencies of successful requests, nearest-rank percentiles):\n`);
  console.log(resultsTable(results));
  console.log("\nfederated query through the gateway vs each subgraph queried alone:");
  for (const line of ratioLines(federated, baselines)) console.log(`  ${line}`);

  const file = join(RESULTS_DIR, "latest.json");
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        benchmark: "federated-query",
        finishedAt: new Date().toISOString(),
        ok: totalErrors === 0,
        totalErrors,
        settings: { ...settings, dataDir: relative(ROOT, settings.dataDir) },
        machine: machine(),
        hub: { gatewayUrl, startedByBench: !settings.hubUrl, startMs: hubStartMs },
        scenarios: results,
        ratios: ratios(federated, baselines),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nraw results: ${relative(ROOT, file)}`);

  if (totalErrors > 0) {
    console.error(`\nFAILED: ${totalErrors} error response(s):`);
    for (const r of results) for (const [message, count] of Object.entries(r.errorSamples)) console.error(`  ${r.name}: ${count}× ${message}`);
    return 1;
  }
  return 0;
}

function printHeader(): void {
  const m = machine();
  console.log(`federated-query benchmark: node ${m.node}, ${m.platform}, ${m.cpuCount} CPU(s) (${m.cpuModel}), ${m.totalMemoryGiB} GiB, load average ${m.loadAverage.join(" ")}`);
  if (m.cpuCount < 4) console.log(`note: ${m.cpuCount} CPU(s) shared by the load generator, the hub's Node processes and PostgreSQL: compare ratios, not absolute figures`);
}

function machine() {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuCount: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

async function stopHub(): Promise<void> {
  if (!hub) return;
  console.log("stopping the hub ...");
  await hub.stop();
  console.log("hub stopped");
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping`);
    void stopHub().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    if (!interrupted) console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    if (interrupted) return;
    await stopHub().catch((error: unknown) => console.error(`bench: could not stop the hub: ${(error as Error).message}`));
    process.exit(code);
  });
