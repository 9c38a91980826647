/**
 * Configuration is parsed once, at start, into a typed object. Every problem is collected
 * before failing, so an operator fixes them all in one go. Nothing else reads process.env.
 * Hand-written on purpose: a handful of small readers (string, integer with bounds, URL,
 * secret) that collect every problem and know the hub's modes; a schema library (zod, envalid)
 * would add a dependency for less, and most stop at the first problem or need their errors rewritten.
 */
import { readTracingConfig, type TracingConfig } from "./tracing/config";
export type Env = Record<string, string | undefined>;

export type Reader<T> = (env: Env, problems: string[]) => T;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
  }
}

/** A string variable; `fallback` undefined makes it required. */
export function str(name: string, fallback?: string): Reader<string> {
  return (env, problems) => {
    const raw = env[name];
    if (raw !== undefined && raw !== "") return raw;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return "";
  };
}

/** An optional string variable: undefined when unset. */
export function optional(name: string): Reader<string | undefined> {
  return (env) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
}

/** An integer variable within [min, max]. */
export function int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): Reader<number> {
  return (env, problems) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
}

/** One of a fixed set of values. */
export function oneOf<T extends string>(name: string, values: readonly T[], fallback: T): Reader<T> {
  return (env, problems) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${values.join(", ")} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
}

/** A URL variable (http, https, postgres...). */
export function url(name: string, fallback?: string): Reader<string> {
  return (env, problems) => {
    const value = str(name, fallback)(env, problems);
    if (value === "") return value;
    try {
      new URL(value);
    } catch {
      problems.push(`${name} must be a URL (got "${value}")`);
    }
    return value;
  };
}

/** Reads a whole shape of readers; throws a ConfigError listing every problem. */
export function readConfig<T extends object>(shape: { [K in keyof T]: Reader<T[K]> }, env: Env = process.env): T {
  const problems: string[] = [];
  const result = {} as T;
  for (const key of Object.keys(shape) as (keyof T)[]) {
    result[key] = shape[key](env, problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result;
}

export type HubMode = "development" | "production" | "test";
export const HUB_MODES = ["development", "production", "test"] as const;

/** The secret used in development and test only; production must set its own. */
export const DEV_INTERNAL_SECRET = "dev-only-internal-secret-never-use-in-production";

/**
 * Secrets that are public because they are in this repository (development defaults, the
 * tests' secrets, the local servers' passwords): production refuses them, as it refuses
 * anything containing "dev-only". testing/src/hub.ts's secrets are listed here too
 * (kit/src/config.test.ts checks that they stay refused).
 */
const PUBLIC_SECRETS = new Set([
  DEV_INTERNAL_SECRET,
  "hub-local",
  "dev-aides-territoires-key",
  "test-aides-territoires-key",
  "dev-grist-key",
  "test-grist-key",
  "test-session-secret-0123456789abcdef0123",
  "postgres",
  "password",
]);

/** Whether `value` is a development or test secret published in this repository. */
export function isPublicSecret(value: string): boolean {
  return PUBLIC_SECRETS.has(value) || value.toLowerCase().includes("dev-only");
}

/** The shortest secret production accepts for secrets the operator chooses. */
export const MIN_SECRET_LENGTH = 32;

/**
 * A secret: outside production, `devFallback` when unset; in production required, at least
 * `minLength` characters (default 32; 1 for credentials issued by someone else, such as an API
 * key), and never a secret published in this repository.
 */
export function secret(name: string, mode: HubMode, devFallback?: string, minLength = MIN_SECRET_LENGTH): Reader<string> {
  return (env, problems) => {
    const value = str(name, mode === "production" ? undefined : devFallback)(env, problems);
    if (mode !== "production" || value === "") return value;
    if (isPublicSecret(value)) problems.push(`${name} is a development or test value published in the repository: set a secret of your own`);
    else if (value.length < minLength) problems.push(`${name} must be at least ${minLength} characters in production`);
    return value;
  };
}

/** Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

/** Settings every service shares: its mode and the secret of the gateway's internal tokens. */
export interface CommonConfig {
  /**
   * HUB_MODE: production (default: a process not told its mode may be on a network), development
   * (demo data, dev sign-in; `npm start` sets it) or test. development and test listen on a
   * loopback HOST only.
   */
  mode: HubMode;
  /** INTERNAL_TOKEN_SECRET: signs gateway → subgraph tokens; required in production (≥ 32 characters, not a published one). */
  internalTokenSecret: string;
  /** HOST: the interface to listen on (default 127.0.0.1; 0.0.0.0 in containers). */
  host: string;
  /**
   * OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS,
   * see docs/observability.md): absent unless an endpoint is set; nothing is sent then.
   */
  tracing?: TracingConfig;
}

export type Shape<T> = { [K in keyof T]: Reader<T[K]> };

/**
 * Reads the common settings and a service's own `shape` (built knowing the mode), and throws
 * one ConfigError listing every problem of both.
 */
export function readServiceConfig<T extends object>(shape: (mode: HubMode) => Shape<T>, env: Env = process.env): CommonConfig & T {
  const problems: string[] = [];
  const mode = oneOf("HUB_MODE", HUB_MODES, "production")(env, problems);
  const common: CommonConfig = {
    mode,
    internalTokenSecret: secret("INTERNAL_TOKEN_SECRET", mode, DEV_INTERNAL_SECRET)(env, problems),
    host: str("HOST", "127.0.0.1")(env, problems),
  };
  const tracing = readTracingConfig(env, problems);
  if (tracing) common.tracing = tracing;
  if (mode !== "production" && !isLoopback(common.host)) {
    problems.push(`HUB_MODE=${mode} listens on a loopback HOST only (got "${common.host}"): its sign-in and secrets are public; use HUB_MODE=production with secrets of your own`);
  }
  const own = {} as T;
  const readers = shape(mode);
  for (const key of Object.keys(readers) as (keyof T)[]) own[key] = readers[key](env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...common, ...own };
}

export function readCommonConfig(env: Env = process.env): CommonConfig {
  return readServiceConfig<object>(() => ({}), env);
}

/**
 * The database of a service: `<PREFIX>_DATABASE_URL` if set, else DATABASE_URL with the
 * service's own database name (one database per subgraph on a shared server).
 */
export function databaseUrlReader(prefix: string, databaseName: string, mode: HubMode = "development"): Reader<string> {
  return (env, problems) => {
    const name = env[`${prefix}_DATABASE_URL`] ? `${prefix}_DATABASE_URL` : "DATABASE_URL";
    let value: string;
    if (name !== "DATABASE_URL") {
      value = url(name)(env, problems);
    } else if (!env.DATABASE_URL) {
      problems.push(`${prefix}_DATABASE_URL or DATABASE_URL is required`);
      return "";
    } else {
      try {
        value = withDatabase(env.DATABASE_URL, databaseName);
      } catch {
        problems.push(`DATABASE_URL must be a postgres:// URL`);
        return "";
      }
    }
    if (mode === "production") checkDatabasePassword(name, value, problems);
    return value;
  };
}

/**
 * In production a password in a database URL is a secret like the others. A URL without one is
 * accepted: the server may authenticate by certificate, peer or PGPASSWORD/.pgpass.
 */
function checkDatabasePassword(name: string, value: string, problems: string[]): void {
  checkUrlPassword(name, value, problems);
}

/**
 * The password a URL carries (a database's, Redis's), checked as production checks secrets: never
 * one published in this repository, at least 32 characters. `required`: a URL without one is
 * refused too (a server with no other way to authenticate its clients, such as Redis).
 */
export function checkUrlPassword(name: string, value: string, problems: string[], required = false): void {
  let password: string;
  try {
    password = decodeURIComponent(new URL(value).password);
  } catch {
    return; // url() has said it is not a URL
  }
  if (password === "") {
    if (required) problems.push(`${name} has no password: production requires one of at least ${MIN_SECRET_LENGTH} characters`);
    return;
  }
  if (isPublicSecret(password)) problems.push(`${name} has a development or test password published in the repository: give the role a password of your own`);
  else if (password.length < MIN_SECRET_LENGTH) problems.push(`${name} has a password shorter than ${MIN_SECRET_LENGTH} characters`);
}

/** The same server URL pointing at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** What every subgraph reads: mode, internal token secret, port and database. */
export interface SubgraphConfig extends CommonConfig {
  port: number;
  databaseUrl: string;
}

/**
 * Reads a subgraph's configuration: `<PREFIX>_PORT` (default `defaultPort`) and its database
 * (`<PREFIX>_DATABASE_URL`, else DATABASE_URL on database `databaseName`).
 */
export function readSubgraphConfig<T extends object = object>(
  prefix: string,
  databaseName: string,
  defaultPort: number,
  env: Env = process.env,
  /** The subgraph's own settings, read with the others so that one error lists every problem. */
  more: (mode: HubMode) => Shape<T> = () => ({}) as Shape<T>,
): SubgraphConfig & T {
  return readServiceConfig<{ port: number; databaseUrl: string } & T>(
    (mode) => ({ port: int(`${prefix}_PORT`, defaultPort, 0, 65535), databaseUrl: databaseUrlReader(prefix, databaseName, mode), ...more(mode) }) as Shape<{ port: number; databaseUrl: string } & T>,
    env,
  );
}
