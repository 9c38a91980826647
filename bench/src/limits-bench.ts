// The "limits" benchmark: what the gateway's operation limits cost the web app's own operations
// (the project list, a fiche, the inbox), against a second gateway started in the same run with
// QUERY_LIMITS=off on the same subgraphs; and how fast the bomb of the issue is refused,
// against a territory(id) lookup. One request at a time, alternating (latency without queueing).
import { freePort } from "@hub/local-postgres";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_RATE_LIMITS } from "./hub-process";
import { percentile } from "./load";
import { ms, table, times, type BenchOutcome } from "./report";
import { devSessionToken, graphqlFailure, graphqlOnce } from "./scenarios";
import type { Settings } from "./settings";
import { webOperation } from "./web-operations";

const CAMILLE = "camille.martin@clermont-ferrand.demo";
const JULIEN = "julien.bernard@ddt63.demo";
/** The bomb: a million nodes if it ran. */
export const BOMB = `{ territory(id: "REGION:84") { members(first: 100) { edges { node { departement { members(first: 100) { edges { node { departement { members(first: 100) { edges { node { id name } } } } } } } } } } } } }`;
const LOOKUP = `query($id: ID!) { territory(id: $id) { id name } }`;
/** Requests per operation and gateway (and per bomb / lookup); a few more before, unmeasured. */
const ROUNDS = 300;
const WARMUP = 30;

interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  token: string;
}

type Timing = { ms: number; failure: string | null };

async function timed(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
  expect: (status: number, text: string) => string | null,
  timeoutMs: number,
): Promise<Timing> {
  const t0 = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { ms: performance.now() - t0, failure: expect(response.status, text) };
  } catch (error) {
    return { ms: performance.now() - t0, failure: String(error) };
  }
}

const refused = (status: number, text: string) => (status === 400 && text.includes('"QUERY_TOO_COMPLEX"') ? null : `expected 400 QUERY_TOO_COMPLEX, got HTTP ${status}: ${text.slice(0, 160)}`);

/** Starts the gateway (gateway/dist/main.js) with the limits off, on a free port; resolves once /ready answers 200. */
async function startUnlimitedGateway(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(root, "gateway", "dist", "main.js")], {
    cwd: root,
    env: { ...BENCH_RATE_LIMITS, ...process.env, GATEWAY_PORT: String(port), QUERY_LIMITS: "off", HUB_MODE: "development", APOLLO_TELEMETRY_DISABLED: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway with QUERY_LIMITS=off exited: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url: `http://127.0.0.1:${port}/graphql`, stop };
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`the gateway with QUERY_LIMITS=off did not become healthy in 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Alternates a and b (which goes first alternates too), `rounds` times each. */
async function alternate(rounds: number, a: () => Promise<Timing>, b: () => Promise<Timing>): Promise<[Timing[], Timing[]]> {
  const [as, bs]: [Timing[], Timing[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [as, bs];
}

function stats(timings: Timing[]) {
  const sorted = Float64Array.from(timings.filter((t) => !t.failure).map((t) => t.ms)).sort();
  return { requests: timings.length, errors: timings.filter((t) => t.failure).length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export async function runLimitsBench(gatewayUrl: string, root: string, settings: Settings): Promise<BenchOutcome> {
  const limited = new URL("/graphql", gatewayUrl).toString();
  const failures: string[] = [];
  const [camille, julien] = [await devSessionToken(gatewayUrl, CAMILLE), await devSessionToken(gatewayUrl, JULIEN)];
  const list = (await graphqlOnce(limited, { authorization: `Bearer ${camille}` }, webOperation(root, "PROJECT_LIST_QUERY"), { first: 20 }, settings.timeoutMs)) as {
    projects: { edges: { node: { id: string } }[] };
  };
  const projectId = list.projects.edges[0]?.node.id;
  if (!projectId) throw new Error("the project list is empty: no fiche to open");
  const operations: Operation[] = [
    { name: "project list (20)", query: webOperation(root, "PROJECT_LIST_QUERY"), variables: { first: 20 }, token: camille },
    { name: "project fiche", query: webOperation(root, "PROJECT_FICHE_QUERY"), variables: { id: projectId }, token: camille },
    { name: "inbox (50)", query: webOperation(root, "INBOX_QUERY"), variables: { first: 50, filter: {} }, token: julien },
  ];

  console.log("starting a second gateway with QUERY_LIMITS=off on the same subgraphs ...");
  const unlimited = await startUnlimitedGateway(root);
  try {
    // Both really differ: 31 aliases are refused by one, answered by the other.
    const aliases = `{ me { ${Array.from({ length: 31 }, (_, i) => `a${i}: name`).join(" ")} } }`;
    const [on, off] = [await timed(limited, camille, aliases, {}, refused, settings.timeoutMs), await timed(unlimited.url, camille, aliases, {}, graphqlFailure, settings.timeoutMs)];
    if (on.failure || off.failure) throw new Error(`limits on/off check: on ${on.failure ?? "refused"}, off ${off.failure ?? "answered"}`);
    console.log(`ok  31 aliases: refused with limits on, answered with limits off (${unlimited.url})\n`);

    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    for (const op of operations) {
      const send = (url: string) => () => timed(url, op.token, op.query, op.variables, graphqlFailure, settings.timeoutMs);
      await alternate(WARMUP, send(limited), send(unlimited.url));
      const [withLimits, without] = (await alternate(ROUNDS, send(limited), send(unlimited.url))).map(stats);
      for (const [label, s] of [
        ["on", withLimits],
        ["off", without],
      ] as const)
        if (s.errors > 0) failures.push(`${op.name}, limits ${label}: ${s.errors} errors`);
      rows.push([op.name, ms(withLimits.p50), ms(without.p50), times(withLimits.p50 / without.p50), ms(withLimits.p95), ms(without.p95), times(withLimits.p95 / without.p95)]);
      results.push({ operation: op.name, on: withLimits, off: without, p50Ratio: withLimits.p50 / without.p50, p95Ratio: withLimits.p95 / without.p95 });
    }
    console.log(`the web app's operations, ${ROUNDS} requests each per gateway, one at a time, alternating:\n`);
    console.log(table(["operation", "p50 on", "p50 off", "p50 on/off", "p95 on", "p95 off", "p95 on/off"], rows));

    const bomb = () => timed(limited, null, BOMB, {}, refused, settings.timeoutMs);
    const lookup = () => timed(limited, null, LOOKUP, { id: "DEPARTEMENT:63" }, graphqlFailure, settings.timeoutMs);
    await alternate(WARMUP, bomb, lookup);
    const [refusals, lookups] = (await alternate(ROUNDS, bomb, lookup)).map(stats);
    if (refusals.errors > 0) failures.push(`bomb: ${refusals.errors} answers were not a 400 QUERY_TOO_COMPLEX`);
    if (lookups.errors > 0) failures.push(`territory(id): ${lookups.errors} errors`);
    console.log(`\nthe issue's bomb (anonymous, ${BOMB.length} bytes) refused vs territory(id) answered, ${ROUNDS} each, alternating:\n`);
    console.log(
      table(
        ["request", "p50 ms", "p95 ms", "errors"],
        [
          ["bomb, refused", ms(refusals.p50), ms(refusals.p95), String(refusals.errors)],
          ["territory(id)", ms(lookups.p50), ms(lookups.p95), String(lookups.errors)],
        ],
      ),
    );
    console.log(`\nrefusal / lookup: p50 ${times(refusals.p50 / lookups.p50)}, p95 ${times(refusals.p95 / lookups.p95)}`);
    return { failures, result: { rounds: ROUNDS, operations: results, bomb: refusals, lookup: lookups, refusalToLookupP50: refusals.p50 / lookups.p50 } };
  } finally {
    await unlimited.stop();
  }
}
