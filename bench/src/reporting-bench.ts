// The "reporting" benchmark, on a seeded national portfolio (BENCH_PROJECTS, default 80,000),
// through the gateway as the ANCT's national agent:
// 1. catch-up: rebuildPortfolio, then the time until reporting has projected the whole journal
//    again (its `currentAt` reaches the last activity), events per second, peak memory;
// 2. `portfolio` for France, a région, a CRTE and a commune against `territory(id)` lookups,
//    one request at a time in a rotating order (the read model is built at write time, so a
//    portfolio should cost about a lookup: the target is within 2×);
// 3. the CSV export of every project (GET /exports/projects.csv): time, bytes, rows and the
//    peak memory of the gateway, reporting and PostgreSQL meanwhile.
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { HUB_PORT } from "./hub-process";
import { findServicePid } from "./hub-processes";
import { percentile } from "./load";
import { measureExport, type ExportFigures } from "./projects-export";
import { hubProcesses, mib, sampleMemory, type PeakMemory } from "./memory-sampler";
import { ms, table, times, type BenchOutcome } from "./report";
import { devSessionToken, graphqlFailure, graphqlOnce } from "./scenarios";
import type { Settings } from "./settings";

export const NATIONAL = "nadia.petit@anct.demo";
const REBUILD = `mutation { rebuildPortfolio }`;
const CURRENT = `query { portfolio { currentAt projectCount } }`;
/** What the dashboard shows: every figure of a portfolio. */
export const PORTFOLIO_QUERY = `query Portfolio($filter: PortfolioFilter) { portfolio(filter: $filter) { currentAt projectCount byStatus { status count } byTheme { key count budget amountRequested amountGranted } byProgramme { key count budget } byPhase { key count } amounts { budget amountRequested amountGranted } medianDays { toQualification toAssignment toFundingDecision } inactiveProjectCount } }`;
export const LOOKUP_QUERY = `query($id: ID!) { territory(id: $id) { id name } }`;
const WARMUP_ROUNDS = 30;
const CATCH_UP_POLL_MS = 250;
/** The export of every project may take longer than one request's BENCH_TIMEOUT_MS. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;
/** The target of the issue: a portfolio within 2× a territory lookup. */
const TARGET_RATIO = 2;

export interface ReportingHub {
  gatewayUrl: string;
  /** The start.mjs the bench spawned. */
  startPid: number;
  /** The projects database (the hub's role and password). */
  projectsDatabaseUrl: string;
}

interface Journal {
  activities: number;
  lastActivityId: string;
  projects: number;
  /** Projects that are not drafts: what the national agent's France portfolio counts. */
  submittedProjects: number;
  seededProjects: number;
}

interface Sample {
  ms: number;
  failure: string | null;
}

export async function runReportingBench(hub: ReportingHub, settings: Settings): Promise<BenchOutcome> {
  const failures: string[] = [];
  const url = new URL("/graphql", hub.gatewayUrl).toString();
  const token = await devSessionToken(hub.gatewayUrl, NATIONAL);
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };

  const { journal, places } = await readProjectsDatabase(hub.projectsDatabaseUrl);
  console.log(
    `projects database: ${journal.projects} projects (${journal.seededProjects} seeded, ${journal.submittedProjects} not drafts), ${journal.activities} activities, the last one ${journal.lastActivityId}`,
  );
  if (journal.seededProjects < settings.projects) failures.push(`the database holds ${journal.seededProjects} seeded projects, not ${settings.projects}`);

  // 1. Catch-up from zero.
  const pids = {
    reporting: findServicePid("subgraphs/reporting/dist/main.js", hub.startPid, HUB_PORT.reporting),
    projects: findServicePid("subgraphs/projects/dist/main.js", hub.startPid, HUB_PORT.projects),
    gateway: findServicePid("gateway/dist/main.js", hub.startPid, HUB_PORT.gateway),
  };
  const catchUp = await measureCatchUp(url, headers, journal, pids, hub.startPid, settings);
  const seconds = catchUp.ms / 1000;
  const eventsPerSecond = settings.catchUp ? journal.activities / seconds : NaN;
  if (settings.catchUp) {
    console.log(`\ncatch-up from zero (rebuildPortfolio as ${NATIONAL}, then polling portfolio.currentAt every ${CATCH_UP_POLL_MS} ms until it reaches ${journal.lastActivityId}):\n`);
    console.log(`  ${journal.activities} activities projected in ${seconds.toFixed(1)} s: ${Math.round(eventsPerSecond)} events/s`);
    console.log(`  peak RSS during the catch-up (${catchUp.memory.reporting.samples} readings every 100 ms):`);
    console.log(memoryTable(catchUp.memory));
  } else {
    console.log(`\ncatch-up: not measured (BENCH_CATCHUP=off); reporting was current after ${seconds.toFixed(1)} s`);
  }
  if (catchUp.projectCount !== journal.submittedProjects) {
    failures.push(`after the catch-up, France counts ${catchUp.projectCount} projects for ${NATIONAL}, the projects database ${journal.submittedProjects} that are not drafts`);
  }

  // 2. portfolio vs territory(id), one request at a time.
  const cases = [
    { name: "France", territoryId: null as string | null, body: JSON.stringify({ query: PORTFOLIO_QUERY, variables: {} }) },
    ...places.map((place) => ({ name: place.level, territoryId: place.id, body: JSON.stringify({ query: PORTFOLIO_QUERY, variables: { filter: { territoryId: place.id } } }) })),
  ];
  const lookupBodies = places.map((place) => JSON.stringify({ query: LOOKUP_QUERY, variables: { id: place.id } }));
  const names: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const place of places) {
    const data = (await graphqlOnce(url, headers, LOOKUP_QUERY, { id: place.id }, settings.timeoutMs)) as { territory: { id: string; name: string } | null };
    if (!data.territory) throw new Error(`territory(id: "${place.id}") answered null`);
    names[place.id] = data.territory.name;
  }
  for (const c of cases) {
    const data = (await graphqlOnce(url, headers, PORTFOLIO_QUERY, c.territoryId ? { filter: { territoryId: c.territoryId } } : {}, settings.timeoutMs)) as { portfolio: { projectCount: number } };
    counts[c.name] = data.portfolio.projectCount;
    if (data.portfolio.projectCount < 1) failures.push(`portfolio of ${c.name} (${c.territoryId ?? "no territory"}) counts no project`);
  }

  const send = async (body: string): Promise<Sample> => {
    const t0 = performance.now();
    try {
      const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(settings.timeoutMs) });
      const text = await response.text();
      return { ms: performance.now() - t0, failure: graphqlFailure(response.status, text) };
    } catch (error) {
      return { ms: performance.now() - t0, failure: error instanceof Error && error.name === "TimeoutError" ? "request timed out" : String(error) };
    }
  };
  // One round: the lookup and each portfolio once, the order rotating from round to round.
  const kinds = ["lookup", ...cases.map((c) => c.name)];
  const bodies = new Map(cases.map((c) => [c.name, c.body]));
  const samples: Record<string, Sample[]> = Object.fromEntries(kinds.map((kind) => [kind, []]));
  const round = async (i: number, keep: boolean) => {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(i + k) % kinds.length];
      const body = kind === "lookup" ? lookupBodies[i % lookupBodies.length] : (bodies.get(kind) ?? "");
      const sample = await send(body);
      if (keep) samples[kind].push(sample);
      else if (sample.failure) failures.push(`warm-up ${kind}: ${sample.failure}`);
    }
  };
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round(i, false);
  const started = performance.now();
  for (let i = 0; i < settings.portfolioRequests; i++) await round(i, true);
  const sequentialMs = performance.now() - started;

  const summary = Object.fromEntries(kinds.map((kind) => [kind, summarizeSamples(samples[kind])]));
  const lookup = summary.lookup;
  const rows = kinds.map((kind) => {
    const s = summary[kind];
    const c = cases.find((x) => x.name === kind);
    const what = kind === "lookup" ? `territory(id) of ${places.map((p) => p.level).join(", ")}` : c?.territoryId ? `${c.territoryId} ${names[c.territoryId]}` : "no territory";
    return [
      kind === "lookup" ? "territory(id)" : `portfolio ${kind}`,
      what,
      kind === "lookup" ? "" : String(counts[kind]),
      ms(s.p50),
      ms(s.p95),
      ms(s.max),
      String(s.errors),
      kind === "lookup" ? "" : times(s.p50 / lookup.p50),
      kind === "lookup" ? "" : times(s.p95 / lookup.p95),
    ];
  });
  console.log(
    `\nportfolio vs territory(id) through the gateway as ${NATIONAL} (ANCT national), ${settings.portfolioRequests} requests each, one at a time in a rotating order, after ${WARMUP_ROUNDS} unmeasured rounds (${(sequentialMs / 1000).toFixed(1)} s):\n`,
  );
  console.log(table(["query", "territory", "projects", "p50 ms", "p95 ms", "max ms", "errors", "p50 / lookup", "p95 / lookup"], rows));
  const ratios = Object.fromEntries(cases.map((c) => [c.name, { p50: summary[c.name].p50 / lookup.p50, p95: summary[c.name].p95 / lookup.p95 }]));
  const over = cases.filter((c) => ratios[c.name].p50 > TARGET_RATIO || ratios[c.name].p95 > TARGET_RATIO).map((c) => c.name);
  console.log(`\ntarget: within ${TARGET_RATIO}× the lookup, p50 and p95: ${over.length === 0 ? "met by all four" : `NOT met by ${over.join(", ")}`}`);
  for (const kind of kinds) {
    const errors = samples[kind].filter((s) => s.failure);
    if (errors.length > 0) failures.push(`${kind}: ${errors.length} errors, e.g. ${errors[0].failure}`);
  }

  // 3. The CSV export of every project the viewer may see.
  console.log(`\nCSV export: GET /exports/projects.csv through the gateway as ${NATIONAL}, every project, RSS read every 100 ms meanwhile ...`);
  const exported = await measureExport(hub.gatewayUrl, token, pids, hub.startPid, Math.max(settings.timeoutMs, EXPORT_TIMEOUT_MS));
  if (exported === null) {
    console.log("  the gateway answered 404: this hub has no CSV export, the step is left out");
  } else {
    printExport(exported, journal, failures);
  }

  return {
    failures,
    result: {
      viewer: NATIONAL,
      export: exported,
      journal,
      catchUp: { measured: settings.catchUp, ms: catchUp.ms, eventsPerSecond, memory: catchUp.memory, projectCount: catchUp.projectCount, pids },
      portfolio: {
        requests: settings.portfolioRequests,
        warmupRounds: WARMUP_ROUNDS,
        sequentialMs,
        places: places.map((p) => ({ ...p, name: names[p.id] })),
        projectCounts: counts,
        summary,
        ratios,
        target: TARGET_RATIO,
        overTarget: over,
      },
    },
  };
}

interface Place {
  level: "région" | "CRTE" | "commune";
  id: string;
  /** Seeded projects on it (or below it). */
  projects: number;
}

/** The journal's size and the busiest région, CRTE and commune of the seed (most projects). */
async function readProjectsDatabase(databaseUrl: string): Promise<{ journal: Journal; places: Place[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const activities = await client.query<{ n: string; last: string | null }>(`SELECT count(*)::text AS n, max(id)::text AS last FROM activity`);
    const projects = await client.query<{ n: string; submitted: string; seeded: string }>(
      `SELECT count(*)::text AS n, count(*) FILTER (WHERE status <> 'DRAFT')::text AS submitted, count(*) FILTER (WHERE external_source = 'seed')::text AS seeded FROM project`,
    );
    const places: Place[] = [];
    for (const [level, prefix] of [
      ["région", "REGION:%"],
      ["CRTE", "CRTE:%"],
      ["commune", "COMMUNE:%"],
    ] as const) {
      const busiest = await client.query<{ id: string; n: string }>(
        `SELECT t AS id, count(*)::text AS n FROM project p, unnest(p.territory_ids) t WHERE p.external_source = 'seed' AND t LIKE $1 GROUP BY t ORDER BY count(*) DESC, t LIMIT 1`,
        [prefix],
      );
      if (busiest.rows.length === 0) throw new Error(`no seeded project in any ${level}: is the portfolio seeded?`);
      places.push({ level, id: busiest.rows[0].id, projects: Number(busiest.rows[0].n) });
    }
    const last = activities.rows[0].last;
    if (!last) throw new Error("the journal is empty: is the portfolio seeded?");
    return {
      journal: {
        activities: Number(activities.rows[0].n),
        lastActivityId: last,
        projects: Number(projects.rows[0].n),
        submittedProjects: Number(projects.rows[0].submitted),
        seededProjects: Number(projects.rows[0].seeded),
      },
      places,
    };
  } finally {
    await client.end();
  }
}

/**
 * rebuildPortfolio (unless BENCH_CATCHUP=off), then polls `currentAt` until it reaches the
 * journal's last activity; RSS sampled meanwhile.
 */
async function measureCatchUp(
  url: string,
  headers: Record<string, string>,
  journal: Journal,
  pids: Record<string, number | null>,
  startPid: number,
  settings: Settings,
): Promise<{ ms: number; memory: Record<string, PeakMemory>; projectCount: number }> {
  const sampler = sampleMemory(hubProcesses(pids, startPid));
  const started = performance.now();
  try {
    if (settings.catchUp) {
      const rebuilt = (await graphqlOnce(url, headers, REBUILD)) as { rebuildPortfolio: string };
      console.log(`rebuildPortfolio answered "${rebuilt.rebuildPortfolio}"; waiting for the catch-up ...`);
    } else {
      console.log("BENCH_CATCHUP=off: waiting for reporting to be current ...");
    }
    const timeoutMs = settings.catchUpMinutes * 60_000;
    const target = BigInt(journal.lastActivityId);
    let shown = performance.now();
    for (;;) {
      const data = (await graphqlOnce(url, headers, CURRENT)) as { portfolio: { currentAt: string; projectCount: number } };
      const at = BigInt(data.portfolio.currentAt);
      if (at >= target) return { ms: performance.now() - started, memory: sampler.stop(), projectCount: data.portfolio.projectCount };
      if (performance.now() - started > timeoutMs) throw new Error(`the catch-up had not finished after ${settings.catchUpMinutes} min (currentAt ${at} of ${target}; BENCH_CATCHUP_MINUTES)`);
      if (performance.now() - shown > 10_000) {
        shown = performance.now();
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: currentAt ${at} of ${target}`);
      }
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
  } finally {
    sampler.stop();
  }
}

function printExport(exported: ExportFigures, journal: Journal, failures: string[]): void {
  const seconds = exported.ms / 1000;
  const mebibytes = exported.bytes / 1_048_576;
  console.log(
    `\n  ${exported.rows} rows, ${mebibytes.toFixed(1)} MiB in ${seconds.toFixed(2)} s (headers after ${ms(exported.headersMs)} ms): ${Math.round(exported.rows / seconds)} rows/s, ${(mebibytes / seconds).toFixed(1)} MiB/s; x-hub-current-at ${exported.currentAt ?? "-"}`,
  );
  console.log(`  RSS of every process involved during the export (${exported.memory.gateway.samples} readings every 100 ms):`);
  console.log(memoryTable(exported.memory));
  if (exported.rows !== journal.submittedProjects) failures.push(`the export holds ${exported.rows} rows, the projects database ${journal.submittedProjects} projects that are not drafts`);
}

function summarizeSamples(samples: Sample[]) {
  const sorted = Float64Array.from(samples.map((s) => s.ms)).sort();
  return {
    requests: samples.length,
    errors: samples.filter((s) => s.failure).length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

export function memoryTable(memory: Record<string, PeakMemory>): string {
  return table(
    ["process", "RSS at start", "peak RSS"],
    Object.entries(memory).map(([name, m]) => [name, mib(m.startKiB), mib(m.peakKiB)]),
  );
}
