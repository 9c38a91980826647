// The machine the figures were measured on, printed at the start and stored in the results.
import { cpus, loadavg, platform, release, totalmem } from "node:os";

export interface MachineInfo {
  node: string;
  platform: string;
  cpuCount: number;
  cpuModel: string;
  totalMemoryGiB: number;
  loadAverage: number[];
}

export function machine(): MachineInfo {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuCount: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function printHeader(benchmarks: readonly string[]): void {
  const m = machine();
  console.log(`hub benchmarks (${benchmarks.join(", ")}): node ${m.node}, ${m.platform}, ${m.cpuCount} CPU(s) (${m.cpuModel}), ${m.totalMemoryGiB} GiB, load average ${m.loadAverage.join(" ")}`);
  if (m.cpuCount < 4) console.log(`note: ${m.cpuCount} CPU(s) shared by the load generator, the hub's Node processes and PostgreSQL: compare ratios, not absolute figures`);
}
