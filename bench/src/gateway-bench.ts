// The "gateway" benchmark: our gateway and Hive Gateway side by side, in the same run, over the
// same four subgraphs, one process each. Per scenario (the federated page, projects alone, a
// small query) and per viewer mix (10 connections of one viewer, 10 connections of 10 viewers),
// ours then Hive's under the same closed-loop load: throughput, p50, p95 and the CPU each
// gateway process used per request.
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { cpuSeconds, findServicePid } from "./hub-processes";
import { HUB_PORT } from "./hub-process";
import { runPhase, summarize, type PhaseSummary, type RequestSpec } from "./load";
import { ms, table, times, type BenchOutcome } from "./report";
import { demoViewer, devSessionToken, endpoints, FEDERATED_QUERY, graphqlFailure, graphqlOnce, internalHeaders } from "./scenarios";
import type { Settings } from "./settings";
import { agentSessions } from "./subscription-viewers";

/** Julien (DDT of the Puy-de-Dôme) and 9 agents of his DDT: the same projects, 10 distinct viewers. */
const JULIEN = "julien.bernard@ddt63.demo";
const CONNECTIONS = 10;
const PAGE = 50;
export const HIVE_PORT = Number(process.env.HIVE_GATEWAY_PORT ?? 4020);

const QUERIES = [
  { name: "federated page", query: FEDERATED_QUERY, variables: { first: PAGE } },
  { name: "projects alone", query: `query Projects($first: Int!) { projects(first: $first) { edges { node { id title status themes } } } }`, variables: { first: PAGE } },
  { name: "small query", query: `{ territory(id: "COMMUNE:63113") { id name } }`, variables: {} },
] as const;

export interface GatewayBenchHub {
  gatewayUrl: string;
  /** The hub's start.mjs (to find our gateway's pid), undefined for a running hub. */
  startPid: number | undefined;
  root: string;
}

interface Side {
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  /** CPU milliseconds the gateway process used per request (user + system). */
  cpuMsPerRequest: number;
}

export async function runGatewayBench(hub: GatewayBenchHub, settings: Settings): Promise<BenchOutcome> {
  const urls = endpoints(hub.gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const ourPid = findServicePid("gateway/dist/main.js", hub.startPid, HUB_PORT.gateway);
  const hive = await startHive(hub.root);
  const failures: string[] = [];
  try {
    const julienToken = await devSessionToken(hub.gatewayUrl, JULIEN);
    const julien = await demoViewer(urls.peopleTerritories, secret, JULIEN);
    const sessions = await agentSessions(CONNECTIONS, julienToken, julien, urls.peopleTerritories, secret);
    // Ours: the session of each viewer (the gateway checks it and signs the internal token).
    // Hive: the internal token of the same viewer, signed here (re-signed every 20 s).
    const ours = sessions.map(({ token }) => ({ "content-type": "application/json", authorization: `Bearer ${token}` }));
    const theirs = sessions.map(({ viewer }) => internalHeaders(viewer, secret));
    const mixes = [
      { name: "1 viewer", ours: () => ours[0], theirs: () => theirs[0]() },
      { name: "10 viewers", ours: (worker = 0) => ours[worker % ours.length], theirs: (worker = 0) => theirs[worker % theirs.length]() },
    ];

    console.log(`our gateway: ${urls.gateway} (pid ${ourPid ?? "not found"}); Hive Gateway 2.15.1: ${hive.url} (pid ${hive.pid})`);
    console.log("\nchecking that both answer the same:");
    for (const { name, query, variables } of QUERIES) {
      const a = await graphqlOnce(urls.gateway, ours[0], query, variables);
      const b = await graphqlOnce(hive.url, theirs[0](), query, variables);
      const same = JSON.stringify(a) === JSON.stringify(b);
      if (!same) failures.push(`${name}: the two gateways answer differently`);
      console.log(`  ${same ? "ok  " : "DIFF"} ${name.padEnd(15)} ${JSON.stringify(a).length} bytes of data`);
    }

    console.log(`\nload: ${CONNECTIONS} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per gateway and scenario`);
    const rows: { scenario: string; viewers: string; ours: Side; hive: Side }[] = [];
    for (const { name, query, variables } of QUERIES) {
      for (const mix of mixes) {
        const body = JSON.stringify({ query, variables });
        const measure = async (url: string, headers: RequestSpec["headers"], pid: number | null): Promise<Side> => {
          const request: RequestSpec = { url, body, headers, check: graphqlFailure };
          const phase = { concurrency: CONNECTIONS, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
          if (settings.warmupSeconds > 0) await runPhase(request, { ...phase, durationMs: settings.warmupSeconds * 1000 });
          const cpuBefore = cpuSeconds(pid);
          const measured = await runPhase(request, { ...phase, durationMs: settings.seconds * 1000 });
          const cpu = cpuSeconds(pid) - cpuBefore;
          for (const [message, count] of Object.entries(measured.errorSamples)) failures.push(`${name}, ${mix.name}, ${url}: ${count}× ${message}`);
          const summary: PhaseSummary = summarize(measured);
          return { rps: summary.rps, p50: summary.p50, p95: summary.p95, errors: summary.errors, cpuMsPerRequest: (cpu * 1000) / Math.max(1, summary.requests) };
        };
        const ourSide = await measure(urls.gateway, mix.ours, ourPid);
        const hiveSide = await measure(hive.url, mix.theirs, hive.pid);
        rows.push({ scenario: name, viewers: mix.name, ours: ourSide, hive: hiveSide });
        console.log(`  ${name}, ${mix.name}: ours ${ourSide.rps.toFixed(1)} req/s p50 ${ms(ourSide.p50)} ms; Hive ${hiveSide.rps.toFixed(1)} req/s p50 ${ms(hiveSide.p50)} ms`);
      }
    }

    console.log(`\nresults (${settings.seconds} s measured, ${CONNECTIONS} connections; CPU: ms of the gateway process per request):\n`);
    console.log(
      table(
        ["scenario", "viewers", "ours rps", "Hive rps", "ours/Hive", "ours p50", "Hive p50", "ours p95", "Hive p95", "ours CPU", "Hive CPU"],
        rows.map((r) => [
          r.scenario,
          r.viewers,
          r.ours.rps.toFixed(1),
          r.hive.rps.toFixed(1),
          times(r.ours.rps / r.hive.rps),
          ms(r.ours.p50),
          ms(r.hive.p50),
          ms(r.ours.p95),
          ms(r.hive.p95),
          ms(r.ours.cpuMsPerRequest),
          ms(r.hive.cpuMsPerRequest),
        ]),
      ),
    );
    return { failures, result: { connections: CONNECTIONS, page: PAGE, hive: { version: "2.15.1", port: HIVE_PORT }, scenarios: rows.map((r) => ({ ...r, ratio: r.ours.rps / r.hive.rps })) } };
  } finally {
    await hive.stop();
  }
}

/** Hive Gateway in a process of its own (bench/dist/hive-gateway-main.js), ready once it says so. */
async function startHive(root: string): Promise<{ url: string; pid: number | null; stop: () => Promise<void> }> {
  const supergraph = join(root, "schema", "supergraph.graphql");
  const child = spawn(process.execPath, [join(root, "bench", "dist", "hive-gateway-main.js"), String(HIVE_PORT), supergraph], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    // Loading its package takes more than a minute on 2 CPUs under load.
    const timer = setTimeout(() => reject(new Error(`Hive Gateway did not start within 180 s:\n${output}`)), 180_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("hive gateway ready at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Hive Gateway exited during start-up:\n${output}`));
    });
  });
  try {
    await started;
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url: `http://127.0.0.1:${HIVE_PORT}/graphql`,
    pid: child.pid ?? null,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
