// The load generator: a closed loop of C workers, each sending one request, waiting for the
// whole response, then sending the next. Bounded by a deadline and by a request count; each
// request is bounded by its own timeout, so a phase never outlives deadline + timeout.
// Requests go through Node's own HTTP client on one kept-alive connection per worker: fetch
// (undici behind the WHATWG API: Headers, AbortSignal, streams) cost this process as much CPU
// per request as the gateway under test, CPU the processes measured then did not get.
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";

/** One kind of request, sent over and over. */
export interface RequestSpec {
  url: string;
  body: string;
  /** When set, request i of a phase sends bodies[i % bodies.length] instead of `body`. */
  bodies?: readonly string[];
  /** Headers of the next request of worker `worker` (0 … concurrency - 1; called once per request; may return a cached object). */
  headers: (worker?: number) => Record<string, string>;
  /** Why a response is a failure (status and raw body), or null when it is a success. */
  check: (status: number, body: string) => string | null;
}

export interface PhaseOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Per-request timeout (an aborted request counts as an error). */
  timeoutMs: number;
}

export interface PhaseResult {
  /** Requests completed (successes + errors). */
  requests: number;
  errors: number;
  /** From the phase start until the last worker finished (in-flight requests included). */
  elapsedMs: number;
  /** Latencies of successful requests, in ms, in completion order. */
  latencies: Float64Array;
  /** The first few error descriptions with their count, for the report. */
  errorSamples: Record<string, number>;
}

const MAX_DISTINCT_ERRORS = 10;

/** Runs one phase of the closed loop. */
export async function runPhase(spec: RequestSpec, options: PhaseOptions): Promise<PhaseResult> {
  const latencies = new Float64Array(options.maxRequests);
  const errorSamples: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const recordError = (description: string) => {
    errors++;
    const key = description.slice(0, 300);
    if (key in errorSamples) errorSamples[key]++;
    else if (Object.keys(errorSamples).length < MAX_DISTINCT_ERRORS) errorSamples[key] = 1;
  };

  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = new URL(spec.url);
  const worker = async (index: number) => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      const body = spec.bodies && spec.bodies.length > 0 ? spec.bodies[issued % spec.bodies.length] : spec.body;
      issued++;
      const t0 = performance.now();
      let failure: string | null;
      try {
        const response = await post(agent, url, { "content-type": "application/json", ...spec.headers(index) }, body, options.timeoutMs);
        failure = spec.check(response.status, response.body);
      } catch (error) {
        failure = describeError(error);
      }
      const latency = performance.now() - t0;
      if (failure === null) latencies[ok++] = latency;
      else recordError(failure);
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  } finally {
    agent.destroy();
  }
  return { requests: ok + errors, errors, elapsedMs: performance.now() - started, latencies: latencies.slice(0, ok), errorSamples };
}

/** A failed request in words: the error's message, and its system code when it has one (ECONNREFUSED …). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
}

/** One POST and its whole answer as text; fails with "request timed out" after `timeoutMs` (the socket is closed). */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(() => request.destroy(new Error("request timed out")), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

/** The figures of a measured phase. Latencies in ms; percentiles over successful requests. */
export interface PhaseSummary {
  requests: number;
  errors: number;
  elapsedMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  mean: number;
  max: number;
}

export function summarize(result: PhaseResult): PhaseSummary {
  const sorted = Float64Array.from(result.latencies).sort();
  const n = sorted.length;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    requests: result.requests,
    errors: result.errors,
    elapsedMs: result.elapsedMs,
    rps: result.elapsedMs > 0 ? (result.requests * 1000) / result.elapsedMs : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: n ? sorted[0] : NaN,
    mean: n ? sum / n : NaN,
    max: n ? sorted[n - 1] : NaN,
  };
}

/** Nearest-rank percentile of ascending values (NaN when there are none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1];
}

/** One timed request of a paired comparison: its time, and why it failed (null: it did not). */
export interface TimedSample {
  ms: number;
  failure: string | null;
}

/** The successful samples' p50, p95 and max, with the number of requests and errors. */
export function latencyStats(samples: readonly TimedSample[]): { requests: number; errors: number; p50: number; p95: number; max: number } {
  const ok = samples
    .filter((s) => !s.failure)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return { requests: samples.length, errors: samples.length - ok.length, p50: percentile(ok, 50), p95: percentile(ok, 95), max: ok[ok.length - 1] ?? NaN };
}

/** Round `round` of a comparison: `a` then `b`, or `b` then `a` every other round, so that neither always runs on the machine the other left. */
export async function alternately(round: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<void> {
  if (round % 2 === 0) {
    await a();
    await b();
  } else {
    await b();
    await a();
  }
}
