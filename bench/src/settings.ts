// The benchmark's knobs, read once from the environment; any invalid value stops it at once.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The benchmarks, in the order they run (whatever the order in BENCH_ONLY). */
export const BENCHMARKS = ["import", "statements", "board", "federated", "gateway", "funding", "search", "resources", "suggestions", "limits", "subscriptions", "inbox", "reporting"] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];
/** The benchmarks that need the hub (started by the bench unless BENCH_HUB_URL is set), on .data/bench. */
export const HUB_BENCHMARKS: readonly BenchmarkName[] = ["federated", "gateway", "funding", "search", "resources", "suggestions", "limits"];
/** The benchmarks that need the hub with 1,000 submitted projects, on .data/bench-projects (seeded once, kept). */
export const PROJECTS_HUB_BENCHMARKS: readonly BenchmarkName[] = ["subscriptions", "inbox"];
/** The benchmarks that need the hub with a seeded national portfolio, on .data/bench-reporting (seeded once, kept). */
export const REPORTING_HUB_BENCHMARKS: readonly BenchmarkName[] = ["reporting"];
/** The benchmarks that run the people-territories code in the bench process, on their own database. */
export const DATABASE_BENCHMARKS: readonly BenchmarkName[] = ["import", "statements", "board"];

export interface Settings {
  /** BENCH_ONLY: comma-separated benchmarks to run (default: all). */
  only: BenchmarkName[];
  /** BENCH_CONCURRENCY: closed-loop workers (default 8). */
  concurrency: number;
  /** BENCH_SECONDS: measured phase per scenario (default 10). */
  seconds: number;
  /** BENCH_WARMUP_SECONDS: unmeasured warm-up per scenario (default 3; 0 skips it). */
  warmupSeconds: number;
  /** BENCH_MAX_REQUESTS: cap per phase (default 200,000). */
  maxRequests: number;
  /** BENCH_TIMEOUT_MS: per-request timeout; a timed-out request is an error (default 10,000). */
  timeoutMs: number;
  /** BENCH_SEARCH_QUERIES: searches (and as many lookups) of the search benchmark (default 1,000). */
  searchQueries: number;
  /** BENCH_HUB_URL: a running hub's gateway (loopback only); unset, the bench starts its own. */
  hubUrl: string | undefined;
  /** DATABASE_URL: the PostgreSQL server of the import and statements benchmarks; unset, an embedded one. */
  databaseUrl: string | undefined;
  /** BENCH_SUBSCRIBERS: concurrent WebSocket subscribers of the subscriptions benchmark (default 1,000). */
  subscribers: number;
  /** BENCH_SUB_SECONDS: how long the subscriptions benchmark sends a mutation every 10 ms (default 30). */
  subSeconds: number;
  /** BENCH_SUB_DRAIN_SECONDS: how long, after the last mutation, subscribers may take to receive everything (default 120). */
  subDrainSeconds: number;
  /** BENCH_SUB_VIEWERS: distinct viewers per round of the subscriptions benchmark, one round each (default 1 and 1,000; capped to the subscribers). */
  subViewers: number[];
  /** BENCH_PROJECTS: projects of the national portfolio the reporting benchmark seeds (default 80,000). */
  projects: number;
  /** BENCH_PORTFOLIO_REQUESTS: requests of each portfolio query (and territory lookups) of the reporting benchmark (default 300). */
  portfolioRequests: number;
  /** BENCH_CATCHUP: "off" skips the reporting benchmark's rebuild (it then only waits for reporting to be current); default on. */
  catchUp: boolean;
  /** BENCH_CATCHUP_MINUTES: how long the reporting benchmark waits for reporting to catch up (default 60). */
  catchUpMinutes: number;
  /** BENCH_GATEWAY_ROUNDS: measured rounds of each gateway per scenario of the gateway benchmark, alternating ours and Hive's (default 3). */
  gatewayRounds: number;
  /** BENCH_GATEWAY_PROFILE: on runs both gateways of the gateway benchmark under `node --cpu-prof` (default off). */
  gatewayProfile: boolean;
  /** BENCH_GATEWAY_BEFORE: our gateway's main.js as built before a change, measured in the same rounds (default none). */
  gatewayBefore: string | undefined;
  /** BENCH_GATEWAY_SCENARIOS: the gateway benchmark's scenarios to run, by the start of their names, comma-separated (default all). */
  gatewayScenarios: string[];
  /** HUB_DATA_DIR given to the hub the bench starts for federated and search: <repo>/.data/bench. */
  dataDir: string;
  /** HUB_DATA_DIR given to the hub the bench starts for inbox and subscriptions: <repo>/.data/bench-projects. */
  projectsDataDir: string;
  /** HUB_DATA_DIR given to the hub the bench starts for reporting: <repo>/.data/bench-reporting. */
  reportingDataDir: string;
}

export function readSettings(env: NodeJS.ProcessEnv, root = resolve(__dirname, "..", "..")): Settings {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number, integer: boolean) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(`${name} must be ${integer ? "an integer" : "a number"} between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const settings: Settings = {
    only: benchmarkList(env.BENCH_ONLY, problems),
    concurrency: number("BENCH_CONCURRENCY", 8, 1, 256, true),
    seconds: number("BENCH_SECONDS", 10, 0.5, 600, false),
    warmupSeconds: number("BENCH_WARMUP_SECONDS", 3, 0, 120, false),
    maxRequests: number("BENCH_MAX_REQUESTS", 200_000, 1, 2_000_000, true),
    timeoutMs: number("BENCH_TIMEOUT_MS", 10_000, 100, 120_000, true),
    searchQueries: number("BENCH_SEARCH_QUERIES", 1000, 10, 20_000, true),
    subscribers: number("BENCH_SUBSCRIBERS", 1000, 1, 5000, true),
    subSeconds: number("BENCH_SUB_SECONDS", 30, 1, 600, false),
    subDrainSeconds: number("BENCH_SUB_DRAIN_SECONDS", 120, 5, 1800, false),
    subViewers: [],
    projects: number("BENCH_PROJECTS", 80_000, 1, 1_000_000, true),
    portfolioRequests: number("BENCH_PORTFOLIO_REQUESTS", 300, 10, 20_000, true),
    catchUp: onOff("BENCH_CATCHUP", env.BENCH_CATCHUP, problems),
    catchUpMinutes: number("BENCH_CATCHUP_MINUTES", 60, 1, 600, false),
    gatewayRounds: number("BENCH_GATEWAY_ROUNDS", 3, 1, 20, true),
    gatewayProfile: onOff("BENCH_GATEWAY_PROFILE", env.BENCH_GATEWAY_PROFILE || "off", problems),
    gatewayBefore: existingFile("BENCH_GATEWAY_BEFORE", env.BENCH_GATEWAY_BEFORE, root, problems),
    gatewayScenarios: (env.BENCH_GATEWAY_SCENARIOS ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
    hubUrl: loopbackUrl(env.BENCH_HUB_URL, problems),
    databaseUrl: postgresUrl(env.DATABASE_URL, problems),
    dataDir: join(root, ".data", "bench"),
    projectsDataDir: join(root, ".data", "bench-projects"),
    reportingDataDir: join(root, ".data", "bench-reporting"),
  };
  // After BENCH_SUBSCRIBERS, which caps it.
  settings.subViewers = viewerCounts(env.BENCH_SUB_VIEWERS, settings.subscribers, problems);
  if (problems.length > 0) throw new Error(`invalid settings: ${problems.join("; ")}`);
  return settings;
}

/** A file that must exist, relative to the repository or absolute; undefined when unset. */
function existingFile(name: string, raw: string | undefined, root: string, problems: string[]): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const path = resolve(root, raw.trim());
  if (!existsSync(path)) problems.push(`${name}: no file at ${path}`);
  return path;
}

/** An on/off switch (default on). */
function onOff(name: string, raw: string | undefined, problems: string[]): boolean {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "on") return true;
  if (value === "off") return false;
  problems.push(`${name} must be on or off (got "${raw}")`);
  return true;
}

/** BENCH_ONLY as a list of benchmarks in running order; unset or empty means all of them. */
function benchmarkList(raw: string | undefined, problems: string[]): BenchmarkName[] {
  if (raw === undefined || raw.trim() === "") return [...BENCHMARKS];
  const names = raw
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  const unknown = names.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    problems.push(`BENCH_ONLY must list some of ${BENCHMARKS.join(", ")}, separated by commas (got "${raw}")`);
    return [];
  }
  return BENCHMARKS.filter((name) => names.includes(name));
}

/**
 * BENCH_SUB_VIEWERS as distinct viewer counts, in the order given: each a positive integer,
 * capped to `subscribers` (there cannot be more viewers than subscribers), repeats dropped.
 */
function viewerCounts(raw: string | undefined, subscribers: number, problems: string[]): number[] {
  const given = raw === undefined || raw.trim() === "" ? "1,1000" : raw;
  const values = given.split(",").map((part) => part.trim());
  if (values.some((value) => !/^[0-9]+$/.test(value) || Number(value) < 1)) {
    problems.push(`BENCH_SUB_VIEWERS must be positive integers separated by commas, e.g. 1,1000 (got "${raw}")`);
    return [];
  }
  return [...new Set(values.map((value) => Math.min(Number(value), subscribers)))];
}

/** BENCH_HUB_URL as an http://127.0.0.1:<port> origin; the bench talks to this machine only. */
function loopbackUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" || !["127.0.0.1", "localhost"].includes(url.hostname)) {
      problems.push(`BENCH_HUB_URL must be http://127.0.0.1:<port> or http://localhost:<port> (got "${raw}")`);
      return undefined;
    }
    return `http://127.0.0.1:${url.port || "80"}`;
  } catch {
    problems.push(`BENCH_HUB_URL must be a URL (got "${raw}")`);
    return undefined;
  }
}

/** DATABASE_URL, when set, must be a postgres:// URL (any database: the bench uses its own on that server). */
function postgresUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === "postgres:" || url.protocol === "postgresql:") return raw;
  } catch {
    // Reported below.
  }
  problems.push("DATABASE_URL must be a postgres:// URL");
  return undefined;
}
