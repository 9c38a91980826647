// Peak resident memory (VmRSS) of the hub's processes while something runs: each process read
// every `intervalMs` from /proc, its largest reading kept. A process group (PostgreSQL's server
// and its backends) is also summed at each reading; the sum counts the shared buffers once per
// process that touched them, so it overstates what the server uses.
import { descendantsNamed, rssKiB } from "./hub-processes";

export interface PeakMemory {
  /** KiB at the first reading (NaN when unreadable). */
  startKiB: number;
  /** Largest reading, KiB. */
  peakKiB: number;
  /** Readings taken. */
  samples: number;
}

export interface MemorySampler {
  /** Stops sampling; the peaks per name. */
  stop(): Record<string, PeakMemory>;
}

/** What a reading of several pids keeps: their sum, or the largest of them. */
export type Combine = "sum" | "max";

/**
 * Samples `processes` (a name → the pids to read, asked again at each reading so that new
 * backends count, and how several combine: "sum" unless given).
 */
export function sampleMemory(processes: Record<string, { pids: () => (number | null)[]; combine?: Combine }>, intervalMs = 100): MemorySampler {
  const peaks: Record<string, PeakMemory> = {};
  const read = () => {
    for (const [name, { pids, combine }] of Object.entries(processes)) {
      const values = pids().map(rssKiB).filter(Number.isFinite);
      const kib = values.length === 0 ? NaN : combine === "max" ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
      const peak = (peaks[name] ??= { startKiB: kib, peakKiB: NaN, samples: 0 });
      peak.samples++;
      if (Number.isFinite(kib) && !(kib <= peak.peakKiB)) peak.peakKiB = kib;
    }
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      read();
      return peaks;
    },
  };
}

/** The processes whose memory is sampled: the services of `pids`, and PostgreSQL summed and its largest process. */
export function hubProcesses(pids: Record<string, number | null>, startPid: number) {
  let postgres: number[] = [];
  let postgresRead = 0;
  const postgresPids = () => {
    // New backends appear while it runs: the list is refreshed every 10 readings.
    if (postgresRead++ % 10 === 0) postgres = descendantsNamed(startPid, "postgres");
    return postgres;
  };
  return {
    ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, { pids: () => [pid] }])),
    "postgres (sum)": { pids: postgresPids },
    "postgres (largest)": { pids: () => postgres, combine: "max" as const },
  };
}

/** KiB as MiB with one decimal ("-" when not a number). */
export const mib = (kib: number) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(1)} MiB` : "-");
