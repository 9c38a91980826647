// Starting and stopping the hub for the benchmark: `node scripts/start.mjs` as a child process
// (in its own process group), healthy once the gateway's GET /ready answers 200.
import { EMBEDDED_POSTGRES_PORT, isPortOpen } from "@hub/local-postgres";
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";

/** The ports of the hub the bench starts or talks to: start.mjs's variables, with its defaults. */
export const HUB_PORT = {
  gateway: Number(process.env.GATEWAY_PORT ?? 4000),
  projects: Number(process.env.PROJECTS_PORT ?? 4001),
  peopleTerritories: Number(process.env.PEOPLE_TERRITORIES_PORT ?? 4002),
  funding: Number(process.env.FUNDING_PORT ?? 4003),
  reporting: Number(process.env.REPORTING_PORT ?? 4004),
  standIn: Number(process.env.AT_STAND_IN_PORT ?? 4010),
};

/** The embedded PostgreSQL port of the hub the bench starts (start.mjs's HUB_POSTGRES_PORT). */
export const HUB_POSTGRES_PORT = Number(process.env.HUB_POSTGRES_PORT ?? EMBEDDED_POSTGRES_PORT);

/** Gateway, the four subgraphs and the Aides-Territoires stand-in. */
export const HUB_PORTS = Object.values(HUB_PORT);

/** The subgraph URLs the gateway (and reporting) must be given when the ports are not the defaults. */
function subgraphUrlsEnv(): Record<string, string> {
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  return {
    PROJECTS_URL: url(HUB_PORT.projects),
    PEOPLE_TERRITORIES_URL: url(HUB_PORT.peopleTerritories),
    FUNDING_URL: url(HUB_PORT.funding),
    REPORTING_URL: url(HUB_PORT.reporting),
  };
}

export interface HubProcess {
  /** Resolves once /ready answers 200; rejects if the hub exits first or the time is up. */
  waitUntilHealthy(timeoutMs: number): Promise<number>;
  /** SIGINT, then waits for the hub to exit (SIGKILL to its process group as a last resort). */
  stop(): Promise<void>;
  /** The last lines the hub printed, for error messages. */
  tail(): string;
  /** The pid of `node scripts/start.mjs` (the parent of the gateway and the subgraphs). */
  pid: number | undefined;
}

export interface SpawnHubOptions {
  root: string;
  dataDir: string;
  gatewayUrl: string;
  /** Where the hub's output goes. */
  logPath: string;
  pollIntervalMs?: number;
  /** How long `stop` waits after SIGINT before killing the process group. */
  stopTimeoutMs?: number;
}

/** The ports of `ports` that something already listens on (127.0.0.1). */
export async function busyPorts(ports: number[]): Promise<number[]> {
  const open = await Promise.all(ports.map((port) => isPortOpen(port)));
  return ports.filter((_, i) => open[i]);
}

/** Whether the embedded PostgreSQL port is taken: start.mjs then reuses that server. */
export async function embeddedPostgresInUse(): Promise<number | null> {
  const port = HUB_POSTGRES_PORT;
  return (await isPortOpen(port)) ? port : null;
}

/** Per-caller rate limits at their maximum (a million a minute): on, but never met by a benchmark. */
export const BENCH_RATE_LIMITS = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000", RATE_LIMIT_PERSON_PER_MINUTE: "1000000", RATE_LIMIT_API_KEY_PER_MINUTE: "1000000" };

export function spawnHub(options: SpawnHubOptions): HubProcess {
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const stopTimeoutMs = options.stopTimeoutMs ?? 60_000;
  mkdirSync(dirname(options.logPath), { recursive: true });
  const log = createWriteStream(options.logPath);
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(options.root, "scripts", "start.mjs")], {
    cwd: options.root,
    // The subscriptions bench opens 1,000 subscribers as one viewer (and from one address):
    // far above the gateway's default cap of 200 per viewer. Its benchmarks send thousands of
    // requests a minute as one viewer (or anonymously, from one address): the rate limits stay
    // on (their cost is measured) at their highest setting, far above what the load sends.
    // NODE_ENV=production as in the hub's image (graphql-js and express skip their development
    // checks); HUB_MODE=development for the demo accounts' sign-in.
    env: { WS_MAX_SUBSCRIPTIONS_PER_VIEWER: "100000", NODE_ENV: "production", ...BENCH_RATE_LIMITS, ...subgraphUrlsEnv(), ...process.env, HUB_DATA_DIR: options.dataDir, HUB_MODE: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group: a terminal Ctrl-C reaches the bench only, which stops the hub in order.
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > 30) lines.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once("error", (error) => {
      lines.push(`spawn failed: ${error.message}`);
      exit = { code: null, signal: null };
      resolve();
    });
  });
  const tail = () => lines.map((line) => `  | ${line}`).join("\n");

  async function waitUntilHealthy(timeoutMs: number): Promise<number> {
    const started = performance.now();
    const outcome = await pollHealth(options.gatewayUrl, timeoutMs, pollIntervalMs, exited);
    if (outcome === "healthy") return performance.now() - started;
    if (exit) throw new Error(`the hub exited during start-up (code ${exit.code}, signal ${exit.signal}); its last lines:\n${tail()}`);
    throw new Error(`the hub was not healthy after ${Math.round(timeoutMs / 1000)} s (last /ready: ${outcome}); its last lines:\n${tail()}`);
  }

  /** Read through a call: the exit listener sets `exit` while stop() awaits. */
  const running = () => exit === null;
  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      if (running() && child.pid !== undefined) {
        child.kill("SIGINT");
        await within(exited, stopTimeoutMs);
        if (running()) {
          console.error(`bench: the hub did not stop within ${stopTimeoutMs / 1000} s of SIGINT; killing its process group ${child.pid}`);
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // Already gone.
          }
          await within(exited, 5000);
        }
      }
      await new Promise<void>((resolve) => log.end(resolve));
    })();
    return stopping;
  }

  return { waitUntilHealthy, stop, tail, pid: child.pid };
}

/** Waits for a hub that someone else runs (BENCH_HUB_URL) to answer /ready with 200. */
export async function waitForExternalHub(gatewayUrl: string, timeoutMs: number, pollIntervalMs = 250): Promise<void> {
  const outcome = await pollHealth(gatewayUrl, timeoutMs, pollIntervalMs, new Promise<void>(() => {}));
  if (outcome !== "healthy") throw new Error(`the hub at ${gatewayUrl} is not healthy (last /ready: ${outcome})`);
}

/**
 * Polls GET /ready (supergraph loaded, every subgraph answering) until it answers 200
 * ("healthy"), `giveUp` settles or the time is up; otherwise returns what the last probe got. Each probe is bounded by the deadline too.
 */
async function pollHealth(gatewayUrl: string, timeoutMs: number, pollIntervalMs: number, giveUp: Promise<void>): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  const healthUrl = new URL("/ready", gatewayUrl);
  let last = "no answer yet";
  const given = { up: false };
  void giveUp.then(() => (given.up = true));
  while (!given.up && performance.now() < deadline) {
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(Math.ceil(Math.max(1, Math.min(5000, deadline - performance.now())))) });
      const body = await response.text();
      if (response.status === 200) return "healthy";
      last = `HTTP ${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = describeError(error);
    }
    await within(giveUp, pollIntervalMs);
  }
  return last;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `${error.message}${cause ? ` (${cause.code ?? cause.message})` : ""}`;
}

/** Resolves when `promise` does or after `ms`, whichever comes first (the timer is cleared). */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
