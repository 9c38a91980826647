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
import { monotonicUs, readProfile, summarizeProfile, type ProfileSummary, type Window } from "./cpu-profile";
import { startHiveGateway, startOurGateway, type GatewayProcess } from "./gateway-processes";
import { cpuSeconds, descendantsNamed, findServicePid, machineCpuSeconds } from "./hub-processes";
import { HUB_PORT } from "./hub-process";
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
  /** The start.mjs the bench spawned (undefined for a hub already running): whose subgraphs and PostgreSQL's CPU is split out. */
  startPid: number | undefined;
}

/** The subgraphs' scripts and ports, to find their processes. */
const SUBGRAPH_PROCESSES = [
  ["subgraphs/projects/dist/main.js", HUB_PORT.projects],
  ["subgraphs/people-territories/dist/main.js", HUB_PORT.peopleTerritories],
  ["subgraphs/funding/dist/main.js", HUB_PORT.funding],
  ["subgraphs/reporting/dist/main.js", HUB_PORT.reporting],
] as const;

/** One measured phase of one gateway. */
interface Round {
  rps: number;
  p50: number;
  p95: number;
  requests: number;
  errors: number;
  /** CPU milliseconds the gateway process used per request (user + system, from /proc). */
  cpuMsPerRequest: number;
  /** CPU milliseconds the whole machine used per request (every process: the gateway, the subgraphs, PostgreSQL, the load generator). */
  machineCpuMsPerRequest: number;
  /** Of which the bench process's own (the load generator). */
  loadCpuMsPerRequest: number;
  /** Of which the four subgraphs' processes (NaN when not found). */
  subgraphsCpuMsPerRequest: number;
  /** Of which the hub's PostgreSQL (its server and backends, when the bench started the hub; else NaN). */
  postgresCpuMsPerRequest: number;
  /** The machine's 1-minute load average when the phase ended. */
  load: number;
  /** When it ran (the monotonic clock, µs): the samples of a CPU profile that count for it. */
  window: Window;
}

type Side = Omit<Round, "load" | "requests" | "window">;

interface Row {
  scenario: string;
  viewers: string;
  ours: Side;
  hive: Side;
  /** Our gateway as built before the change under test (BENCH_GATEWAY_BEFORE), when given. */
  before?: Side;
  rounds: { ours: Round[]; hive: Round[]; before?: Round[] };
}

type Contender = "ours" | "before" | "hive";

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
  const beforeNote = settings.gatewayBefore ? `, our gateway as before (${settings.gatewayBefore}, :${OUR_PORT + 1})` : "";
  console.log(`starting our gateway (:${OUR_PORT})${beforeNote} and Hive Gateway 2.15.1 (:${HIVE_PORT}) over the hub's subgraphs${profileDir ? `, under node --cpu-prof (${profileDir})` : ""} ...`);
  const gateways = new Map<Contender, GatewayProcess>();
  const profiles: Record<string, Record<string, ProfileSummary>> = {};
  try {
    const start = { root: hub.root, subgraphUrls, profileDir };
    gateways.set("ours", await startOurGateway({ ...start, port: OUR_PORT, logPath: join(results, "gateway-ours.log") }));
    if (settings.gatewayBefore) gateways.set("before", await startOurGateway({ ...start, port: OUR_PORT + 1, logPath: join(results, "gateway-before.log"), script: settings.gatewayBefore }));
    gateways.set("hive", await startHiveGateway({ ...start, port: HIVE_PORT, logPath: join(results, "gateway-hive.log") }));
    const contenders = [...gateways.keys()];
    const gatewayOf = (key: Contender): GatewayProcess => {
      const gateway = gateways.get(key);
      if (!gateway) throw new Error(`no ${key} gateway`);
      return gateway;
    };

    const julienToken = await devSessionToken(hub.gatewayUrl, JULIEN);
    const julien = await demoViewer(urls.peopleTerritories, secret, JULIEN);
    const sessions = await agentSessions(CONNECTIONS, julienToken, julien, urls.peopleTerritories, secret);
    // Ours: the session of each viewer (the gateway checks it and signs the internal token).
    // Hive: the internal token of the same viewer, signed here (re-signed every 20 s).
    const ourHeaders = sessions.map(({ token }) => ({ "content-type": "application/json", authorization: `Bearer ${token}` }));
    const hiveHeaders = sessions.map(({ viewer }) => internalHeaders(viewer, secret));
    const headersOf = (contender: Contender, viewers: number) => (contender === "hive" ? (worker = 0) => hiveHeaders[worker % viewers]() : (worker = 0) => ourHeaders[worker % viewers]);
    const mixes = [
      { name: "1 viewer", viewers: 1 },
      { name: "10 viewers", viewers: CONNECTIONS },
    ];

    console.log([...gateways].map(([key, g]) => `${key}: ${g.url} (pid ${g.pid})`).join("; "));
    const subgraphPids = SUBGRAPH_PROCESSES.map(([script, port]) => findServicePid(script, hub.startPid, port));
    console.log("\nchecking that they answer the same:");
    for (const { name, query, variables } of queries) {
      const answers = await Promise.all(contenders.map((key) => graphqlOnce(gatewayOf(key).url, headersOf(key, 1)(), query, variables)));
      const texts = answers.map((answer) => JSON.stringify(answer));
      const same = texts.every((text) => text === texts[0]);
      if (!same) failures.push(`${name}: the gateways answer differently`);
      console.log(`  ${same ? "ok  " : "DIFF"} ${name.padEnd(15)} ${texts[0].length} bytes of data`);
    }

    const phase = { concurrency: CONNECTIONS, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
    console.log(
      `\nload: ${CONNECTIONS} connections; per scenario ${settings.warmupSeconds} s of warm-up each, then ${settings.gatewayRounds} rounds of ${settings.seconds} s, one after the other (${contenders.join(", ")}); medians of the rounds`,
    );
    const rows: Row[] = [];
    for (const { name, query, variables } of queries) {
      const body = JSON.stringify({ query, variables });
      for (const mix of mixes) {
        const requestOf = (key: Contender): RequestSpec => ({ url: gatewayOf(key).url, body, headers: headersOf(key, mix.viewers), check: graphqlFailure });
        const measure = async (key: Contender): Promise<Round> => {
          const request = requestOf(key);
          const pid = gatewayOf(key).pid;
          // PostgreSQL's processes alive at the start (found before the round: the /proc scan is not measured); one that ends during the round counts for nothing (NaN at either end).
          const postgres = hub.startPid === undefined ? [] : descendantsNamed(hub.startPid, "postgres");
          const hubCpu = () => ({ subgraphs: subgraphPids.reduce<number>((sum, subgraph) => sum + cpuSeconds(subgraph), 0), postgres: postgres.map(cpuSeconds) });
          const fromUs = monotonicUs();
          const cpuBefore = cpuSeconds(pid);
          const machineBefore = machineCpuSeconds();
          const hubBefore = hubCpu();
          const loadBefore = process.cpuUsage();
          const measured = await runPhase(request, { ...phase, durationMs: settings.seconds * 1000 });
          const cpu = cpuSeconds(pid) - cpuBefore;
          const machine = machineCpuSeconds() - machineBefore;
          const load = process.cpuUsage(loadBefore);
          const hubAfter = hubCpu();
          for (const [message, count] of Object.entries(measured.errorSamples)) failures.push(`${name}, ${mix.name}, ${key}: ${count}× ${message}`);
          const s = summarize(measured);
          const msPerRequest = (seconds: number) => (seconds * 1000) / Math.max(1, s.requests);
          return {
            rps: s.rps,
            p50: s.p50,
            p95: s.p95,
            requests: s.requests,
            errors: s.errors,
            cpuMsPerRequest: msPerRequest(cpu),
            machineCpuMsPerRequest: msPerRequest(machine),
            loadCpuMsPerRequest: msPerRequest((load.user + load.system) / 1e6),
            subgraphsCpuMsPerRequest: msPerRequest(hubAfter.subgraphs - hubBefore.subgraphs),
            postgresCpuMsPerRequest: hub.startPid === undefined ? NaN : msPerRequest(hubAfter.postgres.reduce((sum, after, i) => sum + (after - hubBefore.postgres[i] || 0), 0)),
            load: loadavg()[0],
            window: { fromUs, toUs: monotonicUs() },
          };
        };
        if (settings.warmupSeconds > 0) {
          for (const key of contenders) await runPhase(requestOf(key), { ...phase, durationMs: settings.warmupSeconds * 1000 });
        }
        const rounds: Row["rounds"] = { ours: [], hive: [], ...(gateways.has("before") ? { before: [] } : {}) };
        for (let round = 0; round < settings.gatewayRounds; round++) {
          for (const key of contenders) rounds[key]?.push(await measure(key));
        }
        const row: Row = { scenario: name, viewers: mix.name, ours: medians(rounds.ours), hive: medians(rounds.hive), ...(rounds.before ? { before: medians(rounds.before) } : {}), rounds };
        rows.push(row);
        const each = (list: Round[]) => list.map((r) => r.rps.toFixed(0)).join(", ");
        const line = (key: string, side: Side | undefined, list: Round[] | undefined) => (side && list ? `${key} ${side.rps.toFixed(1)} req/s p50 ${ms(side.p50)} ms (rounds ${each(list)})` : null);
        const parts = [line("ours", row.ours, rounds.ours), line("before", row.before, rounds.before), line("Hive", row.hive, rounds.hive)].filter(Boolean);
        console.log(`  ${name}, ${mix.name}: ${parts.join("; ")}; load ${loadavg()[0].toFixed(1)}`);
      }
    }

    console.log(`\nresults (medians of ${settings.gatewayRounds} rounds of ${settings.seconds} s, ${CONNECTIONS} connections; CPU: ms of the gateway process per request); ${machineLoad()}:\n`);
    console.log(gatewayTable(rows));
    if (rows.some((r) => r.before)) {
      console.log(`\nours vs our gateway before the change (${settings.gatewayBefore}), same run:\n`);
      console.log(beforeTable(rows));
    }
    console.log(`\nthe machine's CPU per request (ms, every process), split: the gateway, the load generator (this bench), the four subgraphs, the hub's PostgreSQL, anything else:\n`);
    console.log(machineTable(rows));
    const missed = rows.filter((r) => !meetsTarget(r)).map((r) => `${r.scenario}, ${r.viewers}`);
    console.log(`\ntarget (ours ≥ ${TARGET_RPS_RATIO}× Hive's req/s and p50 ≤ Hive's): ${missed.length === 0 ? "met on every scenario" : `NOT met by ${missed.join("; ")}`}`);

    for (const [key, gateway] of [...gateways]) {
      gateways.delete(key);
      const file = await gateway.stop();
      if (!file) continue;
      // Per query (its two viewer mixes), the measured rounds only: not the start-up nor the warm-ups.
      const profile = readProfile(file);
      profiles[key] = {};
      for (const { name } of queries) {
        const windows = rows.filter((r) => r.scenario === name).flatMap((r) => (r.rounds[key] ?? []).map((round) => round.window));
        const summary = summarizeProfile(profile, windows);
        profiles[key][name] = summary;
        printProfile(`${key}, ${name}`, file, summary);
      }
    }
    return {
      failures,
      result: {
        connections: CONNECTIONS,
        page: PAGE,
        rounds: settings.gatewayRounds,
        hive: { version: "2.15.1", port: HIVE_PORT },
        before: settings.gatewayBefore ?? null,
        scenarios: rows.map((r) => ({ ...r, ratio: r.ours.rps / r.hive.rps, target: meetsTarget(r) })),
        profiles,
      },
    };
  } finally {
    for (const gateway of gateways.values()) await gateway.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medians(rounds: Round[]): Side {
  const of = (key: keyof Side) => median(rounds.map((r) => r[key]));
  return {
    rps: of("rps"),
    p50: of("p50"),
    p95: of("p95"),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    cpuMsPerRequest: of("cpuMsPerRequest"),
    machineCpuMsPerRequest: of("machineCpuMsPerRequest"),
    loadCpuMsPerRequest: of("loadCpuMsPerRequest"),
    subgraphsCpuMsPerRequest: of("subgraphsCpuMsPerRequest"),
    postgresCpuMsPerRequest: of("postgresCpuMsPerRequest"),
  };
}

function meetsTarget(row: Row): boolean {
  return row.ours.rps >= TARGET_RPS_RATIO * row.hive.rps && row.ours.p50 <= row.hive.p50;
}

function machineLoad(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}`;
}

/** The headers of ours beside another gateway ("Hive", "before"): throughput, p50, p95 when asked, CPU per request. */
function comparedHeaders(other: string, withP95: boolean): string[] {
  const p95 = withP95 ? ["ours p95", `${other} p95`] : [];
  return ["ours rps", `${other} rps`, `ours/${other}`, "ours p50", `${other} p50`, `p50 ours/${other}`, ...p95, "ours CPU", `${other} CPU`, `CPU ours/${other}`];
}

/** The cells under comparedHeaders. */
function compared(ours: Side, other: Side, withP95: boolean): string[] {
  const p95 = withP95 ? [ms(ours.p95), ms(other.p95)] : [];
  return [
    ours.rps.toFixed(1),
    other.rps.toFixed(1),
    times(ours.rps / other.rps),
    ms(ours.p50),
    ms(other.p50),
    times(ours.p50 / other.p50),
    ...p95,
    ms(ours.cpuMsPerRequest),
    ms(other.cpuMsPerRequest),
    times(ours.cpuMsPerRequest / other.cpuMsPerRequest),
  ];
}

function gatewayTable(rows: Row[]): string {
  return table(
    ["scenario", "viewers", ...comparedHeaders("Hive", true), "target"],
    rows.map((r) => [r.scenario, r.viewers, ...compared(r.ours, r.hive, true), meetsTarget(r) ? "met" : "NOT met"]),
  );
}

function machineTable(rows: Row[]): string {
  const split = (side: Side) => {
    const known = side.cpuMsPerRequest + side.loadCpuMsPerRequest + side.subgraphsCpuMsPerRequest + (side.postgresCpuMsPerRequest || 0);
    return [side.machineCpuMsPerRequest, side.cpuMsPerRequest, side.loadCpuMsPerRequest, side.subgraphsCpuMsPerRequest, side.postgresCpuMsPerRequest, side.machineCpuMsPerRequest - known].map(ms);
  };
  const sides = (r: Row): [string, Side][] => [["ours", r.ours], ...(r.before ? [["before", r.before] as [string, Side]] : []), ["Hive", r.hive]];
  return table(
    ["scenario", "viewers", "through", "machine", "gateway", "load", "subgraphs", "postgres", "other"],
    rows.flatMap((r) => sides(r).map(([name, side]) => [r.scenario, r.viewers, name, ...split(side)])),
  );
}

function beforeTable(rows: Row[]): string {
  const withBefore = rows.filter((r): r is Row & { before: Side } => r.before !== undefined);
  return table(
    ["scenario", "viewers", ...comparedHeaders("before", false)],
    withBefore.map((r) => [r.scenario, r.viewers, ...compared(r.ours, r.before, false)]),
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
