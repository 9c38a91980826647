// The two gateways of the "gateway" benchmark, each a process the bench starts over the hub's
// subgraphs: ours (gateway/dist/main.js) and Hive Gateway (bench/dist/hive-gateway-main.js).
// Both write their output to a file (no pipe through another process), and both can run under
// `node --cpu-prof` (the profile is written when the process exits).
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_RATE_LIMITS } from "./hub-process";

export interface GatewayProcess {
  name: string;
  /** Its /graphql URL. */
  url: string;
  pid: number | null;
  /** Stops it (SIGTERM, then SIGKILL after 30 s) and returns its CPU profile file, if it wrote one. */
  stop: () => Promise<string | null>;
}

export interface GatewayStart {
  root: string;
  port: number;
  /** Subgraph name → URL (the hub's). */
  subgraphUrls: Record<string, string>;
  /** Where its output goes. */
  logPath: string;
  /** When set, runs under `node --cpu-prof` and writes its profile in this folder. */
  profileDir: string | null;
  /** Our gateway's script, when not gateway/dist/main.js (a build from before a change). */
  script?: string;
}

const START_TIMEOUT_MS = 180_000;

/** Our gateway, as the hub's image runs it (NODE_ENV=production, as Hive's below) but in development mode (the demo sign-in) with the bench's rate limits, on `port`. */
export function startOurGateway(start: GatewayStart): Promise<GatewayProcess> {
  const { subgraphUrls: urls } = start;
  return startProcess(start.script ? "before" : "ours", start, [start.script ?? join(start.root, "gateway", "dist", "main.js")], `http://127.0.0.1:${start.port}/ready`, {
    NODE_ENV: "production",
    ...BENCH_RATE_LIMITS,
    ...process.env,
    GATEWAY_PORT: String(start.port),
    PROJECTS_URL: urls.projects,
    PEOPLE_TERRITORIES_URL: urls["people-territories"],
    FUNDING_URL: urls.funding,
    REPORTING_URL: urls.reporting,
    HUB_MODE: "development",
    APOLLO_TELEMETRY_DISABLED: "true",
  });
}

/** Hive Gateway 2.15.1, offline, over the same subgraphs, on `port`. */
export function startHiveGateway(start: GatewayStart): Promise<GatewayProcess> {
  const supergraph = join(start.root, "schema", "supergraph.graphql");
  const subgraphs = Object.entries(start.subgraphUrls).map(([name, url]) => `${name}=${url}`);
  const script = join(start.root, "bench", "dist", "hive-gateway-main.js");
  return startProcess("Hive", start, [script, String(start.port), supergraph, ...subgraphs], `http://127.0.0.1:${start.port}/readiness`, {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    // The same V8 settings as ours and the hub's services, when the run sets any.
    ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
    // HIVE_LOGGING=debug: Hive's debug log (each subgraph call and its error) in gateway-hive.log.
    ...(process.env.HIVE_LOGGING ? { HIVE_LOGGING: process.env.HIVE_LOGGING } : {}),
  });
}

async function startProcess(name: string, start: GatewayStart, args: string[], readyUrl: string, env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  mkdirSync(join(start.logPath, ".."), { recursive: true });
  if (start.profileDir) mkdirSync(start.profileDir, { recursive: true });
  const profileName = `${name.toLowerCase()}-${start.port}-${Date.now()}.cpuprofile`;
  const flags = start.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${start.profileDir}`, `--cpu-prof-name=${profileName}`] : [];
  const log = openSync(start.logPath, "w");
  const child = spawn(process.execPath, [...flags, ...args], { cwd: start.root, env, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const tail = () =>
    readFileSync(start.logPath, "utf8")
      .split("\n")
      .slice(-15)
      .map((line) => `  | ${line}`)
      .join("\n");
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} gateway exited during start-up:\n${tail()}`);
    const ready = await fetch(readyUrl, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} gateway was not ready within ${START_TIMEOUT_MS / 1000} s:\n${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    url: `http://127.0.0.1:${start.port}/graphql`,
    pid: child.pid ?? null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      // Writing a profile of a few minutes takes a few seconds.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (!start.profileDir) return null;
      return readdirSync(start.profileDir).includes(profileName) ? join(start.profileDir, profileName) : null;
    },
  };
}
