// The "inbox" benchmark: the State's inbox, 50 projects a page, through the gateway as julien
// (DDT of the Puy-de-Dôme; territory, owner and assignees' names from people-territories)
// against the same page asked straight to the projects subgraph (ids only for what other
// subgraphs own), on 1,000 submitted projects. Sequential latency, then the closed-loop load,
// then the SQL statements per request in each database (pg_stat_statements).
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { performance } from "node:perf_hooks";
import { percentile, runPhase, summarize, type RequestSpec } from "./load";
import { countStatements, hubPostgresUrl, type StatementCount } from "./pg-statements";
import { printStatements } from "./pg-statements-report";
import { CAMILLE, countInboxCandidates, ensureSeeded, JULIEN } from "./projects-seed";
import { ms, resultsTable, table, times, type BenchOutcome, type ScenarioResult } from "./report";
import { demoViewer, devSessionToken, endpoints, graphqlFailure, graphqlOnce, internalHeaders } from "./scenarios";
import type { Settings } from "./settings";

export interface ProjectsHub {
  gatewayUrl: string;
  /** The start.mjs the bench spawned (undefined for BENCH_HUB_URL). */
  startPid: number | undefined;
}

const PAGE = `edges { node { id title status priority submittedAt %FIELDS% } } pageInfo { hasNextPage endCursor }`;
export const GATEWAY_INBOX = `query Inbox($after: String) { inbox(first: 50, after: $after) { ${PAGE.replace("%FIELDS%", "territory { name } owner { name } assignees { person { name } }")} } }`;
export const SUBGRAPH_INBOX = `query Inbox($after: String) { inbox(first: 50, after: $after) { ${PAGE.replace("%FIELDS%", "territory { id } owner { id } assignees { person { id } }")} } }`;
const WARMUP_PAIRS = 30;
const SEQUENTIAL_PAIRS = 300;
/**
 * Requests of each kind whose SQL statements are counted (pg_stat_statements, when available):
 * enough that the background (the journal feed's poll every 5 s) weighs little per request even
 * before the bench subtracts it.
 */
const STATEMENT_REQUESTS = 200;

interface InboxNode {
  id: string;
  status: string;
  territory: { id?: string; name?: string } | null;
  owner: { id?: string; name?: string } | null;
  assignees: { person: { id?: string; name?: string } | null }[];
}
type InboxData = { inbox: { edges: { node: InboxNode }[] } };
/** A request that cycles through the inbox's pages: one body per cursor. */
type InboxSpec = RequestSpec & { bodies: readonly string[] };

export async function runInboxBench(hub: ProjectsHub, settings: Settings): Promise<BenchOutcome> {
  const urls = endpoints(hub.gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const julienToken = await devSessionToken(hub.gatewayUrl, JULIEN);
  const julien = internalHeaders(await demoViewer(urls.peopleTerritories, secret, JULIEN), secret);
  const camille = internalHeaders(await demoViewer(urls.peopleTerritories, secret, CAMILLE), secret);
  const seed = await ensureSeeded(urls.projects, camille, julien, settings.timeoutMs);
  const cursors = seed.listing.pageCursors;
  const candidates = await countInboxCandidates(urls.projects, julien, settings.timeoutMs);
  console.log(`inbox: ${seed.listing.total} projects reached by paging, ${cursors.length} pages of 50; every scenario cycles through the pages`);
  if (candidates !== seed.listing.total) {
    console.log(`note: julien may see ${candidates} SUBMITTED or QUALIFIED projects of the Puy-de-Dôme (projects(filter)), but paging through the inbox reaches ${seed.listing.total}`);
  }

  const gatewayHeaders = { "content-type": "application/json", authorization: `Bearer ${julienToken}` };
  const gateway: InboxSpec = {
    url: urls.gateway,
    body: "",
    bodies: cursors.map((after) => JSON.stringify({ query: GATEWAY_INBOX, variables: { after } })),
    headers: () => gatewayHeaders,
    check: graphqlFailure,
  };
  const subgraph: InboxSpec = {
    url: urls.projects,
    body: "",
    bodies: cursors.map((after) => JSON.stringify({ query: SUBGRAPH_INBOX, variables: { after } })),
    headers: julien,
    check: graphqlFailure,
  };

  // Checked once: same page both ways, full pages, names filled in through the gateway.
  const viaGateway = (await graphqlOnce(gateway.url, gateway.headers(), GATEWAY_INBOX, { after: null }, settings.timeoutMs)) as InboxData;
  const viaSubgraph = (await graphqlOnce(subgraph.url, subgraph.headers(), SUBGRAPH_INBOX, { after: null }, settings.timeoutMs)) as InboxData;
  const problem = inspect(viaGateway, viaSubgraph);
  if (problem) throw new Error(`unexpected inbox page before measuring: ${problem}`);
  console.log(`  ok  first page: ${viaGateway.inbox.edges.length} projects, same ids both ways, e.g. ${JSON.stringify(viaGateway.inbox.edges[0].node).slice(0, 160)}`);

  // Sequential: one request at a time, gateway and subgraph alternating (which goes first too).
  const send = async (spec: InboxSpec, i: number) => {
    const t0 = performance.now();
    try {
      const response = await fetch(spec.url, { method: "POST", headers: spec.headers(), body: spec.bodies[i % cursors.length], signal: AbortSignal.timeout(settings.timeoutMs) });
      const failure = spec.check(response.status, await response.text());
      return { ms: performance.now() - t0, failure };
    } catch (error) {
      return { ms: performance.now() - t0, failure: error instanceof Error && error.name === "TimeoutError" ? "request timed out" : String(error) };
    }
  };
  const errors: Record<string, number> = {};
  const note = (what: string, failure: string | null): void => {
    if (failure) errors[`${what}: ${failure.slice(0, 200)}`] = (errors[`${what}: ${failure.slice(0, 200)}`] ?? 0) + 1;
  };
  for (let i = 0; i < WARMUP_PAIRS; i++)
    for (const [name, spec] of [
      ["gateway", gateway],
      ["subgraph", subgraph],
    ] as const)
      note(`${name} warm-up`, (await send(spec, i)).failure);
  const samples = { gateway: [] as number[], subgraph: [] as number[] };
  const started = performance.now();
  for (let i = 0; i < SEQUENTIAL_PAIRS; i++) {
    const order = i % 2 === 0 ? (["gateway", "subgraph"] as const) : (["subgraph", "gateway"] as const);
    for (const name of order) {
      const sample = await send(name === "gateway" ? gateway : subgraph, i);
      if (sample.failure) note(name, sample.failure);
      else samples[name].push(sample.ms);
    }
  }
  const sequentialMs = performance.now() - started;
  const latency = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      requests: SEQUENTIAL_PAIRS,
      errors: SEQUENTIAL_PAIRS - sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      max: sorted[sorted.length - 1],
    };
  };
  const sequential = { gateway: latency(samples.gateway), subgraph: latency(samples.subgraph) };
  const sequentialRatio = { p50: sequential.gateway.p50 / sequential.subgraph.p50, p95: sequential.gateway.p95 / sequential.subgraph.p95 };
  console.log(`\nsequential: ${SEQUENTIAL_PAIRS} pages each, one request at a time, alternating (${(sequentialMs / 1000).toFixed(1)} s; ${WARMUP_PAIRS} unmeasured pairs before):\n`);
  console.log(
    table(
      ["inbox(first: 50)", "requests", "p50 ms", "p95 ms", "p99 ms", "mean ms", "max ms", "errors"],
      (["gateway", "subgraph"] as const).map((name) => {
        const s = sequential[name];
        return [name === "gateway" ? "gateway, with names" : "projects subgraph, ids", String(s.requests), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean), ms(s.max), String(s.errors)];
      }),
    ),
  );
  console.log(
    `\ngateway / subgraph: p50 ${times(sequentialRatio.p50)} (${ms(sequential.gateway.p50)} vs ${ms(sequential.subgraph.p50)} ms), p95 ${times(sequentialRatio.p95)} (${ms(sequential.gateway.p95)} vs ${ms(sequential.subgraph.p95)} ms)`,
  );

  // Throughput: the closed loop of federated, cycling through the pages.
  const phase = { concurrency: settings.concurrency, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
  const load = async (name: string, description: string, spec: RequestSpec): Promise<ScenarioResult> => {
    const warm = settings.warmupSeconds > 0 ? await runPhase(spec, { ...phase, durationMs: settings.warmupSeconds * 1000 }) : null;
    const measured = await runPhase(spec, { ...phase, durationMs: settings.seconds * 1000 });
    const errorSamples: Record<string, number> = { ...warm?.errorSamples };
    for (const [message, count] of Object.entries(measured.errorSamples)) errorSamples[message] = (errorSamples[message] ?? 0) + count;
    return { name, description, url: spec.url, warmup: { requests: warm?.requests ?? 0, errors: warm?.errors ?? 0, elapsedMs: warm?.elapsedMs ?? 0 }, measured: summarize(measured), errorSamples };
  };
  console.log(`\nthroughput: closed loop, ${settings.concurrency} workers, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured each ...`);
  const throughput = [
    await load("gateway", "inbox(first: 50) through the gateway as julien, with territory, owner and assignees' names", gateway),
    await load("subgraph", "inbox(first: 50) on the projects subgraph (:4001) with julien's internal token, ids only", subgraph),
  ];
  console.log(`\n${resultsTable(throughput)}`);
  const [g, s] = throughput.map((r) => r.measured);
  const loadRatio = { p50: g.p50 / s.p50, p95: g.p95 / s.p95, rps: g.rps / s.rps };
  console.log(`\nunder load: gateway / subgraph p50 ${times(loadRatio.p50)}, p95 ${times(loadRatio.p95)}, rps ${times(loadRatio.rps)} (${g.rps.toFixed(1)} vs ${s.rps.toFixed(1)})`);

  // SQL statements per request, from the server's statistics if it keeps them. The bench
  // creates the view only on the embedded server of a hub it started itself.
  const serverUrl = hubPostgresUrl(settings.databaseUrl);
  const databases = ["projects", "people_territories"];
  const createExtension = hub.startPid !== undefined && settings.databaseUrl === undefined;
  let i = 0;
  const statements: Record<string, StatementCount> = {};
  for (const [name, spec] of [
    ["gateway", gateway],
    ["subgraph", subgraph],
  ] as const) {
    statements[name] = await countStatements(serverUrl, databases, STATEMENT_REQUESTS, async () => note(`${name} (statements)`, (await send(spec, i++)).failure), createExtension);
    if (!statements[name].measured) break;
  }
  printStatements(statements, databases);
  for (const r of throughput) for (const [message, count] of Object.entries(r.errorSamples)) errors[`${r.name} under load: ${message}`] = count;
  return {
    failures: Object.entries(errors).map(([message, count]) => `${count}× ${message}`),
    result: {
      gatewayUrl: hub.gatewayUrl,
      queries: { gateway: GATEWAY_INBOX, subgraph: SUBGRAPH_INBOX },
      seeding: { created: seed.created, seedMs: seed.seedMs, inboxTotal: seed.listing.total, inboxCandidates: candidates, benchProjects: seed.listing.benchIds.length, pages: cursors.length },
      sequential: { ...sequential, ratio: sequentialRatio, elapsedMs: sequentialMs, warmupPairs: WARMUP_PAIRS },
      throughput: { concurrency: settings.concurrency, scenarios: throughput, ratio: loadRatio },
      statements,
    },
  };
}

/** Why the first pages through the gateway and the subgraph are not what they should be, or null. */
function inspect(viaGateway: InboxData, viaSubgraph: InboxData): string | null {
  const g = viaGateway.inbox.edges.map((e) => e.node);
  const s = viaSubgraph.inbox.edges.map((e) => e.node);
  if (g.length !== 50) return `the gateway's first page holds ${g.length} projects, not 50`;
  if (g.map((n) => n.id).join() !== s.map((n) => n.id).join()) return "the gateway and the subgraph list different projects";
  for (const node of g) {
    if (node.status !== "SUBMITTED" && node.status !== "QUALIFIED") return `project ${node.id} is ${node.status}`;
    if (!node.territory?.name) return `project ${node.id} without territory.name (people-territories)`;
    if (!node.owner?.name) return `project ${node.id} without owner.name (people-territories)`;
    if (!Array.isArray(node.assignees) || node.assignees.some((a) => a.person !== null && !a.person.name)) return `project ${node.id} with an assignee without name`;
  }
  if (s.some((n) => !n.territory?.id || !n.owner?.id)) return "the subgraph's page has a project without territory.id or owner.id";
  return null;
}
