// The "funding" benchmark: what funding proposals cost the federated page of 50 projects.
// 1. Aides-Territoires calls per request, counted by the stand-in: cold (funding's PostgreSQL
//    cache emptied first) and warm (the same page again).
// 2. The page with 3 opportunities per project vs the same page without them, under the same
//    closed-loop load: ratios of p50, p95 and throughput, measured in the same run.
import { Client } from "pg";
import { serviceDatabaseUrl } from "./hub-databases";
import { runPhase, summarize } from "./load";
import { ms, resultsTable, times, type BenchOutcome, type ScenarioResult } from "./report";
import { devSessionToken, graphqlFailure, graphqlOnce } from "./scenarios";
import type { Settings } from "./settings";

/** A national viewer: sees every submitted project, so a page holds 50 projects on 50 places. */
const VIEWER = "nadia.petit@anct.demo";
const PAGE = 50;
const WARM_REQUESTS = 20;
const PROJECT_FIELDS = "id title phase themes territory { id name departement { name } }";
const WITH = `query Page($first: Int!) { projects(first: $first) { edges { node { ${PROJECT_FIELDS} fundingOpportunities(first: 3) { edges { node { id name score reasons } } } } } } }`;
const WITHOUT = `query Page($first: Int!) { projects(first: $first) { edges { node { ${PROJECT_FIELDS} } } } }`;

interface StandInStats {
  dataRequests: number;
  aidSearches: number;
  aidLookups: number;
  perimeterLookups: number;
  notModified: number;
}

export interface FundingBenchHub {
  gatewayUrl: string;
  standInUrl: string;
  /** The funding subgraph's database, to empty its cache; null for a hub the bench did not start. */
  fundingDatabaseUrl: string | null;
}

export async function runFundingBench(hub: FundingBenchHub, settings: Settings): Promise<BenchOutcome> {
  const token = await devSessionToken(hub.gatewayUrl, VIEWER);
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const page = async (query: string) =>
    (await graphqlOnce(`${hub.gatewayUrl}/graphql`, headers, query, { first: PAGE })) as { projects: { edges: { node: { fundingOpportunities?: { edges: unknown[] } | null } }[] } };
  const failures: string[] = [];

  // 1. Calls per request, cold then warm.
  let cold: StandInStats | null = null;
  if (hub.fundingDatabaseUrl) {
    await emptyCache(hub.fundingDatabaseUrl);
    await resetStats(hub.standInUrl);
    const first = await page(WITH);
    cold = await stats(hub.standInUrl);
    const answered = first.projects.edges.filter((edge) => edge.node.fundingOpportunities?.edges.length).length;
    console.log(`cold page: ${first.projects.edges.length} projects, ${answered} with opportunities; Aides-Territoires: ${describe(cold)}`);
    if (first.projects.edges.length < PAGE) failures.push(`the page holds ${first.projects.edges.length} projects, not ${PAGE}: is the demo data there?`);
  } else {
    console.log("cold page: skipped (a running hub: the bench does not empty its cache)");
    await page(WITH);
  }
  await resetStats(hub.standInUrl);
  for (let i = 0; i < WARM_REQUESTS; i++) await page(WITH);
  const warm = await stats(hub.standInUrl);
  console.log(`warm: ${WARM_REQUESTS} pages, Aides-Territoires: ${describe(warm)}`);
  if (warm.dataRequests > 0) failures.push(`a warm page called Aides-Territoires (${warm.dataRequests} requests over ${WARM_REQUESTS} pages)`);

  // 2. With vs without opportunities.
  console.log(`\nload: ${settings.concurrency} concurrent workers, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per scenario`);
  const results: ScenarioResult[] = [];
  for (const [name, query] of [
    ["without", WITHOUT],
    ["with", WITH],
  ] as const) {
    const request = { url: `${hub.gatewayUrl}/graphql`, headers: () => headers, body: JSON.stringify({ query, variables: { first: PAGE } }), check: graphqlFailure };
    const phase = { concurrency: settings.concurrency, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
    const warmup = settings.warmupSeconds > 0 ? await runPhase(request, { ...phase, durationMs: settings.warmupSeconds * 1000 }) : null;
    const measured = await runPhase(request, { ...phase, durationMs: settings.seconds * 1000 });
    const errorSamples: Record<string, number> = { ...warmup?.errorSamples };
    for (const [message, count] of Object.entries(measured.errorSamples)) errorSamples[message] = (errorSamples[message] ?? 0) + count;
    const description = name === "with" ? `${PAGE} projects with 3 funding opportunities each` : `the same ${PAGE} projects, no opportunities`;
    results.push({
      name,
      description,
      url: request.url,
      warmup: { requests: warmup?.requests ?? 0, errors: warmup?.errors ?? 0, elapsedMs: warmup?.elapsedMs ?? 0 },
      measured: summarize(measured),
      errorSamples,
    });
    for (const [message, count] of Object.entries(errorSamples)) failures.push(`${name}: ${count}× ${message}`);
  }
  const [without, withOpportunities] = results.map((r) => r.measured);
  const ratio = { p50: withOpportunities.p50 / without.p50, p95: withOpportunities.p95 / without.p95, rps: withOpportunities.rps / without.rps };
  console.log(`\nresults (${settings.seconds} s measured, C=${settings.concurrency}):\n`);
  console.log(resultsTable(results));
  console.log(`\nwith opportunities vs without: p50 ${times(ratio.p50)} (${ms(withOpportunities.p50)} vs ${ms(without.p50)} ms), p95 ${times(ratio.p95)}, throughput ${times(ratio.rps)}`);
  return { failures, result: { page: PAGE, coldCalls: cold, warmCalls: { pages: WARM_REQUESTS, ...warm }, scenarios: results, ratio } };
}

/** The funding database's URL on the bench's hub: its role's password is in the data folder. */
export function fundingDatabaseUrl(dataDir: string, adminUrl: string | undefined, postgresPort: number): string {
  return serviceDatabaseUrl(dataDir, adminUrl, postgresPort, "hub_funding", "funding");
}

async function emptyCache(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("TRUNCATE aid_search, aid");
  } finally {
    await client.end();
  }
}

async function resetStats(standInUrl: string): Promise<void> {
  const response = await fetch(`${standInUrl}/__stand-in/stats/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`the Aides-Territoires stand-in did not reset its stats (${response.status}): is AIDES_TERRITOIRES_URL a real API?`);
}

async function stats(standInUrl: string): Promise<StandInStats> {
  return (await (await fetch(`${standInUrl}/__stand-in/stats`)).json()) as StandInStats;
}

function describe(s: StandInStats): string {
  return `${s.dataRequests} requests (${s.aidSearches} searches, ${s.aidLookups} aid lookups, ${s.perimeterLookups} perimeter lookups, ${s.notModified} answered 304)`;
}
