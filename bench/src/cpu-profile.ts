// Reading a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file): where a process spent its
// time, by function (self time: the samples taken while that function itself was running) and
// by package (the node_modules package of the function's file, ours by workspace, Node's own
// code as "node", and V8's pseudo-frames: garbage collector, program, idle). Only the samples
// taken within the windows given count: V8 stamps them with the monotonic clock (µs), the one
// `process.hrtime` reads in any process of the machine, so the bench can say when it measured.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `function (package file:line)` or a pseudo-frame such as `(garbage collector)`. */
  name: string;
  group: string;
  ms: number;
}

export interface ProfileSummary {
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  idleMs: number;
  /** Self time by group (package), busiest first. */
  groups: { group: string; ms: number }[];
  /** Self time by function, busiest first (at most `top`). */
  functions: SelfTime[];
}

/** The package a script belongs to: `@scope/name` or `name` of its last node_modules, our workspace, or Node's. */
export function groupOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const path = url.replace(/^file:\/\//, "");
  const at = path.lastIndexOf("/node_modules/");
  if (at !== -1) {
    const parts = path.slice(at + "/node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  // Our own code, found through the workspace links by its real path.
  const ours = /\/(gateway|bench|packages\/[^/]+|subgraphs\/[^/]+)\/dist\//.exec(path);
  if (ours) return ours[1] === "gateway" ? "@hub/gateway" : `@hub/${ours[1].split("/").at(-1)}`;
  return path;
}

function where(url: string, lineNumber: number): string {
  const path = url.replace(/^file:\/\//, "");
  const at = path.lastIndexOf("/node_modules/");
  const short = at !== -1 ? path.slice(at + "/node_modules/".length) : path.replace(/^.*\/(gateway|bench|packages|subgraphs)\//, "$1/");
  return `${short}:${lineNumber + 1}`;
}

/** A span of the monotonic clock, in µs (`process.hrtime.bigint() / 1000n`). */
export interface Window {
  fromUs: number;
  toUs: number;
}

/** Now on the monotonic clock, in µs. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
}

export function summarizeProfile(profile: CpuProfile, windows: Window[], top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i: it is charged to sample i's frame, as DevTools does.
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (!windows.some((w) => at >= w.fromUs && at <= w.toUs)) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
  }
  const functions = new Map<string, SelfTime>();
  const groups = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = us / 1000;
    if (functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const group = groupOf(url, functionName);
    const name = url === "" ? functionName || "(anonymous)" : `${functionName || "(anonymous)"} (${where(url, lineNumber)})`;
    const known = functions.get(name);
    if (known) known.ms += ms;
    else functions.set(name, { name, group, ms });
    groups.set(group, (groups.get(group) ?? 0) + ms);
  }
  return {
    busyMs,
    idleMs,
    groups: [...groups].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}
