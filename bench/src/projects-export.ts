// The CSV export of every project (GET /exports/projects.csv through the gateway): time to the
// headers, total time, bytes and rows, while the memory of every process involved is sampled.
import { performance } from "node:perf_hooks";
import type { ReadableStream } from "node:stream/web";
import { hubProcesses, sampleMemory, type PeakMemory } from "./memory-sampler";

export interface ExportFigures {
  status: number;
  headersMs: number;
  ms: number;
  bytes: number;
  /** Lines after the header line (CRLF outside quotes). */
  rows: number;
  currentAt: string | null;
  memory: Record<string, PeakMemory>;
}

/** Downloads the whole export as `token`, counting bytes and rows as they arrive (nothing is kept); null when the gateway has no such route (404). */
export async function measureExport(gatewayUrl: string, token: string, pids: Record<string, number | null>, startPid: number, timeoutMs: number): Promise<ExportFigures | null> {
  const url = new URL("/exports/projects.csv", gatewayUrl);
  const sampler = sampleMemory(hubProcesses(pids, startPid));
  try {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    const headersMs = performance.now() - started;
    // A hub without the route (a build before the export existed): the step is left out.
    if (response.status === 404) return null;
    if (response.status !== 200 || !response.body) throw new Error(`GET ${url.pathname} answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const type = response.headers.get("content-type") ?? "";
    if (!type.startsWith("text/csv")) throw new Error(`GET ${url.pathname} answered ${type || "no content-type"}, not text/csv`);
    let bytes = 0;
    let lines = 0;
    let quoted = false;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.length;
      for (const byte of chunk.value) {
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) lines++;
      }
    }
    const ms = performance.now() - started;
    return { status: response.status, headersMs, ms, bytes, rows: Math.max(0, lines - 1), currentAt: response.headers.get("x-hub-current-at"), memory: sampler.stop() };
  } finally {
    sampler.stop();
  }
}
