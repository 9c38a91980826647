/**
 * Configuration is parsed once, at start, into a typed object. Every problem is collected
 * before failing, so an operator fixes them all in one go. Nothing else reads process.env.
 */
export type Env = Record<string, string | undefined>;

type Reader<T> = (env: Env, problems: string[]) => T;

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
export function readConfig<T extends object>(
  shape: { [K in keyof T]: Reader<T[K]> },
  env: Env = process.env,
): T {
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

/** Settings every service shares: its mode and the secret of the gateway's internal tokens. */
export interface CommonConfig {
  /** HUB_MODE: development (default; demo data, dev sign-in), test, or production. */
  mode: HubMode;
  /** INTERNAL_TOKEN_SECRET: signs gateway → subgraph tokens; required in production (≥ 32 characters). */
  internalTokenSecret: string;
  /** HOST: the interface to listen on (default 127.0.0.1; 0.0.0.0 in containers). */
  host: string;
}

export function readCommonConfig(env: Env = process.env): CommonConfig {
  const mode = oneOf("HUB_MODE", HUB_MODES, "development")(env, []);
  const config = readConfig<CommonConfig>(
    {
      mode: oneOf("HUB_MODE", HUB_MODES, "development"),
      internalTokenSecret: str("INTERNAL_TOKEN_SECRET", mode === "production" ? undefined : DEV_INTERNAL_SECRET),
      host: str("HOST", "127.0.0.1"),
    },
    env,
  );
  if (config.mode === "production" && config.internalTokenSecret.length < 32) {
    throw new ConfigError(["INTERNAL_TOKEN_SECRET must be at least 32 characters in production"]);
  }
  return config;
}

/**
 * The database of a service: `<PREFIX>_DATABASE_URL` if set, else DATABASE_URL with the
 * service's own database name (one database per subgraph on a shared server).
 */
export function databaseUrlReader(prefix: string, databaseName: string): Reader<string> {
  return (env, problems) => {
    const own = env[`${prefix}_DATABASE_URL`];
    if (own) return url(`${prefix}_DATABASE_URL`)(env, problems);
    const shared = env.DATABASE_URL;
    if (!shared) {
      problems.push(`${prefix}_DATABASE_URL or DATABASE_URL is required`);
      return "";
    }
    try {
      return withDatabase(shared, databaseName);
    } catch {
      problems.push(`DATABASE_URL must be a postgres:// URL`);
      return "";
    }
  };
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
export function readSubgraphConfig(prefix: string, databaseName: string, defaultPort: number, env: Env = process.env): SubgraphConfig {
  return {
    ...readCommonConfig(env),
    ...readConfig<{ port: number; databaseUrl: string }>(
      { port: int(`${prefix}_PORT`, defaultPort, 0, 65535), databaseUrl: databaseUrlReader(prefix, databaseName) },
      env,
    ),
  };
}
