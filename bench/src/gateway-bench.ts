// The "gateway" benchmark: our gateway and Hive Gateway side by side, in the same run, over the
// same four subgraphs, one process each, both started by the bench. Per scenario (the federated
// page, projects alone, a small query) and per viewer mix (10 connections of one viewer, 10
// connections of 10 viewers): a warm-up of each, then BENCH_GATEWAY_ROUNDS rounds alternating
// ours and Hive's under the same closed-loop load, so that whatever else loads the machine hits
// both; the medians of the rounds: throughput, p50, p95 and the CPU each gateway process used per
// request. BENCH_GATEWAY_PROFILE=on runs both under `node --cpu-prof` and summarises the profiles.
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { loadavg } from "node:os";
import { join } from "node:path";
import { summarizeProfile, type ProfileSummary } from "./cpu-profile";
import { startHiveGateway, startOurGateway, type GatewayProcess } from "./gateway-processes";
import { cpuSeconds } from "./hub-processes";
import { runPhase, summarize, type RequestSpec } from "./load";
import { ms, table, times, type BenchOutcome } from "./report";
import { demoViewer, devSessionToken, endpoints, FEDERATED_QUERY, graphqlFailure, graphqlOnce, internalHeaders } from "./scenarios";
import type { Settings } from "./settings";
import { agentSessions } from "./subscription-viewers";

/** Julien (DDT of the Puy-de-Dôme) and 9 agents of his DDT: the same projects, 10 distinct viewers. */
const JULIEN = "julien.bernard@ddt63.demo";
const CONNECTIONS = 10;
const PAGE = 50;
export const HIVE_PORT = Number(process.env.HIVE_GATEWAY_PORT ?? 4020);
export const OUR_PORT = Number(process.env.OUR_GATEWAY_PORT ?? 4021);
/** The issue's target on every scenario: ours ≥ 1.2× Hive's throughput, and a p50 no higher than Hive's. */
const TARGET_RPS_RATIO = 1.2;

export const GATEWAY_QUERIES = [
  { name: "federated page", query: FEDERATED_QUERY, variables: { first: PAGE } },
  { name: "projects alone", query: `query Projects($first: Int!) { projects(first: $first) { edges { node { id title status themes } } } }`, variables: { first: PAGE } },
  { name: "small query", query: `{ territory(id: "COMMUNE:63113") { id name } }`, variables: {} },
] as const;

export interface GatewayBenchHub {
  /** The hub's gateway: the dev sign-in of the demo accounts. */
  gatewayUrl: string;
  root: string;
}

/** One measured phase of one gateway. */
interface Round {
  rps: number;
  p50: number;
  p95: number;
  requests: number;
  errors: number;
  /** CPU milliseconds the gateway process used per request (user + system, from /proc). */
  cpuMsPerRequest: number;
  /** The machine's 1-minute load average when the phase ended. */
  load: number;
}

type Side = Omit<Round, "load" | "requests">;

interface Row {
  scenario: string;
  viewers: string;
  ours: Side;
  hive: Side;
  rounds: { ours: Round[]; hive: Round[] };
}

export async function runGatewayBench(hub: GatewayBenchHub, settings: Settings): Promise<BenchOutcome> {
  const urls = endpoints(hub.gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const subgraphUrls = { projects: urls.projects, "people-territories": urls.peopleTerritories, funding: urls.funding, reporting: urls.reporting };
  const results = join(hub.root, "bench", "results");
  const profileDir = settings.gatewayProfile ? join(results, "profiles") : null;
  const queries = GATEWAY_QUERIES.filter(({ name }) => settings.gatewayScenarios.length === 0 || settings.gatewayScenarios.some((wanted) => name.startsWith(wanted)));
  if (queries.length === 0) throw new Error(`BENCH_GATEWAY_SCENARIOS names none of ${GATEWAY_QUERIES.map((q) => q.name).join(", ")}`);
  const failures: string[] = [];
  console.log(`machine: ${machineLoad()}`);
  console.log(`starting our gateway (:${OUR_PORT}) and Hive Gateway 2.15.1 (:${HIVE_PORT}) over the hub's subgraphs${profileDir ? `, both under node --cpu-prof (${profileDir})` : ""} ...`);
  const gateways: GatewayProcess[] = [];
  const profiles: Record<string, ProfileSummary> = {};
  try {
    const start = { root: hub.root, subgraphUrls, profileDir };
    gateways.push(await startOurGateway({ ...start, port: OUR_PORT, logPath: join(results, "gateway-ours.log") }));
    gateways.push(await startHiveGateway({ ...start, port: HIVE_PORT, logPath: join(results, "gateway-hive.log") }));
    const [ours, hive] = gateways;

    const julienToken = await devSessionToken(hub.gatewayUrl, JULIEN);
    const julien = await demoViewer(urls.peopleTerritories, secret, JULIEN);
    const sessions = await agentSessions(CONNECTIONS, julienToken, julien, urls.peopleTerritories, secret);
    // Ours: the session of each viewer (the gateway checks it and signs the internal token).
    // Hive: the internal token of the same viewer, signed here (re-signed every 20 s).
    const ourHeaders = sessions.map(({ token }) => ({ "content-type": "application/json", authorization: `Bearer ${token}` }));
    const hiveHeaders = sessions.map(({ viewer }) => internalHeaders(viewer, secret));
    const mixes = [
      { name: "1 viewer", ours: () => ourHeaders[0], hive: () => hiveHeaders[0]() },
      { name: "10 viewers", ours: (worker = 0) => ourHeaders[worker % ourHeaders.length], hive: (worker = 0) => hiveHeaders[worker % hiveHeaders.length]() },
    ];

    console.log(`ours: ${ours.url} (pid ${ours.pid}); Hive: ${hive.url} (pid ${hive.pid})`);
    console.log("\nchecking that both answer the same:");
    for (const { name, query, variables } of queries) {
      const a = await graphqlOnce(ours.url, ourHeaders[0], query, variables);
      const b = await graphqlOnce(hive.url, hiveHeaders[0](), query, variables);
      const same = JSON.stringify(a) === JSON.stringify(b);
      if (!same) failures.push(`${name}: the two gateways answer differently`);
      console.log(`  ${same ? "ok  " : "DIFF"} ${name.padEnd(15)} ${JSON.stringify(a).length} bytes of data`);
    }

    const phase = { concurrency: CONNECTIONS, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
    console.log(
      `\nload: ${CONNECTIONS} connections; per scenario ${settings.warmupSeconds} s of warm-up each, then ${settings.gatewayRounds} rounds of ${settings.seconds} s alternating ours and Hive's; medians of the rounds`,
    );
    const rows: Row[] = [];
    for (const { name, query, variables } of queries) {
      const body = JSON.stringify({ query, variables });
      for (const mix of mixes) {
        const ourRequest: RequestSpec = { url: ours.url, body, headers: mix.ours, check: graphqlFailure };
        const hiveRequest: RequestSpec = { url: hive.url, body, headers: mix.hive, check: graphqlFailure };
        const measure = async (request: RequestSpec, pid: number | null): Promise<Round> => {
          const cpuBefore = cpuSeconds(pid);
          const measured = await runPhase(request, { ...phase, durationMs: settings.seconds * 1000 });
          const cpu = cpuSeconds(pid) - cpuBefore;
          for (const [message, count] of Object.entries(measured.errorSamples)) failures.push(`${name}, ${mix.name}, ${request.url}: ${count}× ${message}`);
          const s = summarize(measured);
          return { rps: s.rps, p50: s.p50, p95: s.p95, requests: s.requests, errors: s.errors, cpuMsPerRequest: (cpu * 1000) / Math.max(1, s.requests), load: loadavg()[0] };
        };
        if (settings.warmupSeconds > 0) {
          for (const request of [ourRequest, hiveRequest]) await runPhase(request, { ...phase, durationMs: settings.warmupSeconds * 1000 });
        }
        const rounds: Row["rounds"] = { ours: [], hive: [] };
        for (let round = 0; round < settings.gatewayRounds; round++) {
          rounds.ours.push(await measure(ourRequest, ours.pid));
          rounds.hive.push(await measure(hiveRequest, hive.pid));
        }
        const row = { scenario: name, viewers: mix.name, ours: medians(rounds.ours), hive: medians(rounds.hive), rounds };
        rows.push(row);
        const each = (list: Round[]) => list.map((r) => r.rps.toFixed(0)).join(", ");
        console.log(
          `  ${name}, ${mix.name}: ours ${row.ours.rps.toFixed(1)} req/s p50 ${ms(row.ours.p50)} ms (rounds ${each(rounds.ours)}); Hive ${row.hive.rps.toFixed(1)} req/s p50 ${ms(row.hive.p50)} ms (rounds ${each(rounds.hive)}); load ${loadavg()[0].toFixed(1)}`,
        );
      }
    }

    console.log(`\nresults (medians of ${settings.gatewayRounds} rounds of ${settings.seconds} s, ${CONNECTIONS} connections; CPU: ms of the gateway process per request); ${machineLoad()}:\n`);
    console.log(gatewayTable(rows));
    const missed = rows.filter((r) => !meetsTarget(r)).map((r) => `${r.scenario}, ${r.viewers}`);
    console.log(`\ntarget (ours ≥ ${TARGET_RPS_RATIO}× Hive's req/s and p50 ≤ Hive's): ${missed.length === 0 ? "met on every scenario" : `NOT met by ${missed.join("; ")}`}`);

    for (const gateway of gateways.splice(0)) {
      const file = await gateway.stop();
      if (file) profiles[gateway.name] = summarizeProfile(file);
      if (file) printProfile(gateway.name, file, profiles[gateway.name]);
    }
    return {
      failures,
      result: {
        connections: CONNECTIONS,
        page: PAGE,
        rounds: settings.gatewayRounds,
        hive: { version: "2.15.1", port: HIVE_PORT },
        scenarios: rows.map((r) => ({ ...r, ratio: r.ours.rps / r.hive.rps, target: meetsTarget(r) })),
        profiles,
      },
    };
  } finally {
    for (const gateway of gateways) await gateway.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medians(rounds: Round[]): Side {
  const of = (key: keyof Side) => median(rounds.map((r) => r[key]));
  return { rps: of("rps"), p50: of("p50"), p95: of("p95"), errors: rounds.reduce((sum, r) => sum + r.errors, 0), cpuMsPerRequest: of("cpuMsPerRequest") };
}

function meetsTarget(row: Row): boolean {
  return row.ours.rps >= TARGET_RPS_RATIO * row.hive.rps && row.ours.p50 <= row.hive.p50;
}

function machineLoad(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}`;
}

function gatewayTable(rows: Row[]): string {
  return table(
    ["scenario", "viewers", "ours rps", "Hive rps", "ours/Hive", "ours p50", "Hive p50", "p50 ours/Hive", "ours p95", "Hive p95", "ours CPU", "Hive CPU", "CPU ours/Hive", "target"],
    rows.map((r) => [
      r.scenario,
      r.viewers,
      r.ours.rps.toFixed(1),
      r.hive.rps.toFixed(1),
      times(r.ours.rps / r.hive.rps),
      ms(r.ours.p50),
      ms(r.hive.p50),
      times(r.ours.p50 / r.hive.p50),
      ms(r.ours.p95),
      ms(r.hive.p95),
      ms(r.ours.cpuMsPerRequest),
      ms(r.hive.cpuMsPerRequest),
      times(r.ours.cpuMsPerRequest / r.hive.cpuMsPerRequest),
      meetsTarget(r) ? "met" : "NOT met",
    ]),
  );
}

function printProfile(name: string, file: string, summary: ProfileSummary): void {
  const share = (value: number) => `${((100 * value) / summary.busyMs).toFixed(1)}%`;
  console.log(`\nCPU profile of ${name} (${file}): ${(summary.busyMs / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle; self time by package:\n`);
  console.log(
    table(
      ["package", "self ms", "share"],
      summary.groups.slice(0, 15).map((g) => [g.group, g.ms.toFixed(0), share(g.ms)]),
    ),
  );
  console.log(`\nthe busiest functions (self time):\n`);
  console.log(
    table(
      ["function", "package", "self ms", "share"],
      summary.functions.map((f) => [f.name.length > 110 ? `${f.name.slice(0, 107)}...` : f.name, f.group, f.ms.toFixed(0), share(f.ms)]),
    ),
  );
}
