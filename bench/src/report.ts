// Turning measured phases into the printed tables and ratios.
import type { PhaseSummary } from "./load";

export interface ScenarioResult {
  name: string;
  description: string;
  url: string;
  warmup: { requests: number; errors: number; elapsedMs: number };
  measured: PhaseSummary;
  /** Distinct error descriptions (warm-up and measured phases) with their counts. */
  errorSamples: Record<string, number>;
}

export interface Ratio {
  baseline: string;
  p50: number;
  p95: number;
  /** Federated requests per second divided by the baseline's. */
  rps: number;
}

/** What one benchmark hands back: its figures for latest.json, and why it failed, if it did. */
export interface BenchOutcome {
  /** Failures found while measuring (the bench exits non-zero); empty when all is well. */
  failures: string[];
  /** The figures, stored under the benchmark's name in latest.json. */
  result: Record<string, unknown>;
}

/** Milliseconds with 2 decimals ("-" when not a number). */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "-");
/** A ratio as "10.7×" or "0.52×" ("-" when not a number). */
export const times = (value: number) => (Number.isFinite(value) ? `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×` : "-");
/** A share as a percentage with one decimal. */
export const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : "-");

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function resultsTable(results: ScenarioResult[]): string {
  return table(
    ["scenario", "requests", "rps", "p50 ms", "p95 ms", "p99 ms", "errors"],
    results.map(({ name, measured, warmup }) => [
      name,
      String(measured.requests),
      measured.rps.toFixed(1),
      ms(measured.p50),
      ms(measured.p95),
      ms(measured.p99),
      String(measured.errors + warmup.errors) + (warmup.errors > 0 ? ` (${warmup.errors} in warm-up)` : ""),
    ]),
  );
}

export function ratios(federated: ScenarioResult, baselines: ScenarioResult[]): Ratio[] {
  return baselines.map((baseline) => ({
    baseline: baseline.name,
    p50: federated.measured.p50 / baseline.measured.p50,
    p95: federated.measured.p95 / baseline.measured.p95,
    rps: federated.measured.rps / baseline.measured.rps,
  }));
}

export function ratioLines(federated: ScenarioResult, baselines: ScenarioResult[]): string[] {
  const f = federated.measured;
  return baselines.flatMap((baseline) => {
    const b = baseline.measured;
    const name = `${baseline.name}-alone`;
    return [
      `federated p50 = ${times(f.p50 / b.p50)} ${name} p50   (${ms(f.p50)} ms vs ${ms(b.p50)} ms)`,
      `federated p95 = ${times(f.p95 / b.p95)} ${name} p95   (${ms(f.p95)} ms vs ${ms(b.p95)} ms)`,
      `federated rps = ${times(f.rps / b.rps)} ${name} rps   (${f.rps.toFixed(1)} vs ${b.rps.toFixed(1)})`,
    ];
  });
}
