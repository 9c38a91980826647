// The hub's processes seen from /proc (Linux): which pid is the gateway or a subgraph, its
// resident memory (VmRSS) and the CPU time it has used.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Parent pid and CPU ticks (utime + stime) from /proc/<pid>/stat, or null when it is gone. */
function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The pid of the node process whose command line ends with `script` (e.g. "gateway/dist/main.js"):
 * among the descendants of `startPid` (the start.mjs the bench spawned) when given, else the
 * process listening on `port` (`ss -ltnp`). Null when not found.
 */
export function findServicePid(script: string, startPid: number | undefined, port: number): number | null {
  if (startPid !== undefined) {
    for (const entry of readdirSync("/proc")) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || !commandLine(pid).at(-1)?.endsWith(script)) continue;
      // Its parent chain must lead to our start.mjs (a few hops at most).
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 10; p = stat(p)?.ppid, hops++) {
        if (p === startPid) return pid;
      }
    }
    return null;
  }
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8", timeout: 5000 });
    const match = /pid=(\d+)/.exec(out);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** VmRSS of `pid` in KiB, or NaN when unreadable. */
export function rssKiB(pid: number | null): number {
  if (pid === null) return NaN;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5000 }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) `pid` has used so far, or NaN. */
export function cpuSeconds(pid: number | null): number {
  if (pid === null) return NaN;
  const s = stat(pid);
  return s ? s.ticks / ticksPerSecond() : NaN;
}

/** CPU seconds the whole machine has spent busy so far (every CPU, every process: /proc/stat's first line without idle and iowait), or NaN. */
export function machineCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    const busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields[7] ?? 0);
    return busy / ticksPerSecond();
  } catch {
    return NaN;
  }
}

/** The pids below `rootPid` (children, grandchildren, …) whose command name is `comm` (e.g. "postgres"). */
export function descendantsNamed(rootPid: number, comm: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === rootPid) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (name !== comm) continue;
    for (let p: number | undefined = stat(pid)?.ppid, hops = 0; p !== undefined && p > 1 && hops < 10; p = stat(p)?.ppid, hops++) {
      if (p === rootPid) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}
