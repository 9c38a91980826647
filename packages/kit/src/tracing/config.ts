/** The environment (kept apart from ../config.ts, which reads this file: no import cycle). */
type Env = Record<string, string | undefined>;

/** An integer variable within [min, max], as ../config.ts's `int` reads it. */
function int(name: string, fallback: number, min: number, max: number) {
  return (env: Env, problems: string[]): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  };
}

/**
 * Where spans go, read from OpenTelemetry's standard variables. Tracing is off (null) unless
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: nothing leaves
 * the machine otherwise. OTEL_SDK_DISABLED=true turns it off whatever the rest says.
 */
export interface TracingConfig {
  /** The full URL spans are POSTed to: `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`, or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is. */
  tracesUrl: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`key=value,key2=value2`, values URL-encoded): sent with every export (an API key, say). */
  headers: Record<string, string>;
  /** OTEL_SERVICE_NAME: the resource's `service.name`; unset, `hub-<service>` (hub-gateway, hub-projects...). */
  serviceName: string | null;
  /** OTEL_BSP_SCHEDULE_DELAY (default 5000 ms): how long a span may wait before its batch is sent. */
  scheduleDelayMs: number;
  /** OTEL_BSP_MAX_QUEUE_SIZE (default 2048): spans waiting beyond it are dropped (and counted in the log). */
  maxQueueSize: number;
  /** OTEL_BSP_MAX_EXPORT_BATCH_SIZE (default 512): the most spans one request carries. */
  maxBatchSize: number;
  /** OTEL_EXPORTER_OTLP_TIMEOUT (default 10000 ms): an export taking longer is abandoned. */
  timeoutMs: number;
}

/** Parses OTEL_EXPORTER_OTLP_HEADERS: `k=v` pairs separated by commas, values URL-decoded; malformed pairs are skipped. */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim().toLowerCase();
    try {
      headers[name] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      headers[name] = pair.slice(at + 1).trim();
    }
  }
  return headers;
}

/** The tracing settings of `env`, or null (tracing off); problems (a URL that is not one) are added to `problems`. */
export function readTracingConfig(env: Env, problems: string[] = []): TracingConfig | null {
  if ((env.OTEL_SDK_DISABLED ?? "").toLowerCase() === "true") return null;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const name = traces ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
  const given = traces || base;
  if (!given) return null;
  const tracesUrl = traces ? traces : `${given.replace(/\/+$/, "")}/v1/traces`;
  try {
    const parsed = new URL(tracesUrl);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
  } catch {
    problems.push(`${name} must be an http(s) URL (got "${given}")`);
    return null;
  }
  return {
    tracesUrl,
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: env.OTEL_SERVICE_NAME || null,
    scheduleDelayMs: int("OTEL_BSP_SCHEDULE_DELAY", 5000, 1, 600_000)(env, problems),
    maxQueueSize: int("OTEL_BSP_MAX_QUEUE_SIZE", 2048, 1, 1_000_000)(env, problems),
    maxBatchSize: int("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512, 1, 100_000)(env, problems),
    timeoutMs: int("OTEL_EXPORTER_OTLP_TIMEOUT", 10_000, 1, 600_000)(env, problems),
  };
}
