// Peak resident memory (VmRSS) of the hub's processes while something runs: each process read
// every `intervalMs` from /proc, its largest reading kept. A process group (PostgreSQL's server
// and its backends) is also summed at each reading; the sum counts the shared buffers once per
// process that touched them, so it overstates what the server uses.
import { rssKiB } from "./hub-processes";

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

/**
 * Samples `processes` (a name → the pids to read, asked again at each reading so that new
 * backends count). One pid: its RSS; several: their sum.
 */
export function sampleMemory(processes: Record<string, () => (number | null)[]>, intervalMs = 100): MemorySampler {
  const peaks: Record<string, PeakMemory> = {};
  const read = () => {
    for (const [name, pids] of Object.entries(processes)) {
      const values = pids().map(rssKiB).filter(Number.isFinite);
      const kib = values.length > 0 ? values.reduce((a, b) => a + b, 0) : NaN;
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

/** KiB as MiB with one decimal ("-" when not a number). */
export const mib = (kib: number) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(1)} MiB` : "-");
