// The "search" benchmark: 1,000 varied territory searches through the gateway against
// territory(id) lookups of the same territories, one request at a time (latency without
// queueing), then under the closed-loop load (throughput); and how often the search ranks the
// territory it was made from first.
import { loadCog } from "@hub/reference";
import { performance } from "node:perf_hooks";
import { percentile, runPhase, summarize, type RequestSpec } from "./load";
import { ms, percent, resultsTable, table, times, type BenchOutcome, type ScenarioResult } from "./report";
import { graphqlFailure, graphqlOnce } from "./scenarios";
import type { Sample } from "./search-ranking";
import { buildSearchCases, CATEGORIES, territoryFacts, type SearchCase } from "./search-queries";
import { rankingOf } from "./search-ranking";
import type { Settings } from "./settings";

export const SEARCH_QUERY = `query($s: String!) { territories(search: $s, first: 10) { edges { node { id name } } } }`;
export const LOOKUP_QUERY = `query($id: ID!) { territory(id: $id) { id name } }`;
/** Seed of the measured set; the warm-up uses SEED + 1 (other territories, same mix). */
const SEED = 0x5eed;
const WARMUP_PAIRS = 50;
const MAX_LISTED_MISSES = 50;

type Node = { id: string; name: string };

export async function runSearchBench(gatewayUrl: string, settings: Settings): Promise<BenchOutcome> {
  const cog = loadCog();
  const facts = territoryFacts(cog);
  const cases = buildSearchCases(cog, settings.searchQueries, SEED);
  const url = new URL("/graphql", gatewayUrl).toString();
  const headers = { "content-type": "application/json" };
  const searchBody = (c: SearchCase) => JSON.stringify({ query: SEARCH_QUERY, variables: { s: c.search } });
  const lookupBody = (c: SearchCase) => JSON.stringify({ query: LOOKUP_QUERY, variables: { id: c.expectedId } });
  const counts = Object.fromEntries(CATEGORIES.map((category) => [category, cases.filter((c) => c.category === category).length]));
  console.log(`${cases.length} searches (seed ${SEED}): ${CATEGORIES.map((category) => `${category} ${counts[category]}`).join(", ")}`);
  console.log(
    `e.g. ${cases
      .slice(0, 6)
      .map((c) => JSON.stringify(c.search))
      .join(", ")}`,
  );

  // Checked once before anything is measured.
  const first = (await graphqlOnce(url, headers, SEARCH_QUERY, { s: cases[0].search }, settings.timeoutMs)) as { territories?: { edges?: unknown[] } };
  if (!Array.isArray(first.territories?.edges)) throw new Error(`territories(search) answered without edges: ${JSON.stringify(first).slice(0, 200)}`);
  const lookup = (await graphqlOnce(url, headers, LOOKUP_QUERY, { id: cases[0].expectedId }, settings.timeoutMs)) as { territory?: Node | null };
  if (lookup.territory?.id !== cases[0].expectedId) throw new Error(`territory(id: ${cases[0].expectedId}) answered ${JSON.stringify(lookup).slice(0, 200)}`);

  const send = async (body: string): Promise<Sample> => {
    const t0 = performance.now();
    try {
      const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(settings.timeoutMs) });
      const text = await response.text();
      const elapsed = performance.now() - t0;
      const failure = graphqlFailure(response.status, text);
      return { ms: elapsed, failure, data: failure ? null : (JSON.parse(text) as { data: unknown }).data };
    } catch (error) {
      return { ms: performance.now() - t0, failure: error instanceof Error && error.name === "TimeoutError" ? "request timed out" : String(error), data: null };
    }
  };

  // One request at a time; search and lookup alternate (which goes first alternates too), so
  // both sets see the same machine conditions.
  const warmup = buildSearchCases(cog, WARMUP_PAIRS, SEED + 1);
  let warmupErrors = 0;
  for (const c of warmup) for (const body of [searchBody(c), lookupBody(c)]) if ((await send(body)).failure) warmupErrors++;
  const searches: Sample[] = [];
  const lookups: Sample[] = [];
  const started = performance.now();
  for (let i = 0; i < cases.length; i++) {
    if (i % 2 === 0) {
      searches.push(await send(searchBody(cases[i])));
      lookups.push(await send(lookupBody(cases[i])));
    } else {
      lookups.push(await send(lookupBody(cases[i])));
      searches.push(await send(searchBody(cases[i])));
    }
  }
  const sequentialMs = performance.now() - started;

  const errors: Record<string, number> = {};
  const note = (what: string, message: string) => (errors[`${what}: ${message.slice(0, 200)}`] = (errors[`${what}: ${message.slice(0, 200)}`] ?? 0) + 1);
  searches.forEach((s) => s.failure && note("search", s.failure));
  lookups.forEach((s, i) => {
    if (s.failure) note("lookup", s.failure);
    else if ((s.data as { territory?: Node | null }).territory?.id !== cases[i].expectedId) note("lookup", `territory(id: ${cases[i].expectedId}) answered another territory`);
  });
  const latency = (samples: Sample[]) => {
    const ok = samples
      .filter((s) => !s.failure)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const sum = ok.reduce((a, b) => a + b, 0);
    return {
      requests: samples.length,
      errors: samples.length - ok.length,
      p50: percentile(ok, 50),
      p95: percentile(ok, 95),
      p99: percentile(ok, 99),
      mean: ok.length ? sum / ok.length : NaN,
      max: ok.length ? ok[ok.length - 1] : NaN,
    };
  };
  const sequential = { search: latency(searches), lookup: latency(lookups) };
  const ratio = { p50: sequential.search.p50 / sequential.lookup.p50, p95: sequential.search.p95 / sequential.lookup.p95 };

  console.log(
    `\nsequential: ${cases.length} searches and ${cases.length} lookups, one request at a time, alternating (${(sequentialMs / 1000).toFixed(1)} s; ${WARMUP_PAIRS} unmeasured pairs before):\n`,
  );
  console.log(
    table(
      ["request", "requests", "p50 ms", "p95 ms", "p99 ms", "mean ms", "max ms", "errors"],
      (["search", "lookup"] as const).map((name) => {
        const s = sequential[name];
        return [name === "search" ? "territories(search)" : "territory(id)", String(s.requests), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean), ms(s.max), String(s.errors)];
      }),
    ),
  );
  console.log(
    `\nsearch / lookup: p50 ${times(ratio.p50)} (${ms(sequential.search.p50)} vs ${ms(sequential.lookup.p50)} ms), p95 ${times(ratio.p95)} (${ms(sequential.search.p95)} vs ${ms(sequential.lookup.p95)} ms)`,
  );

  const ranking = rankingOf(cases, searches, facts);
  console.log(`\nranking (answers of the sequential searches; hit@1 = expected territory first; "ties" also accepts an equally exact, at least as populated one):\n`);
  console.log(
    table(
      ["category", "queries", "hit@1", "hit@1 ties", "in top 10", "no result"],
      ranking.rows.map((r) => [
        r.category,
        String(r.queries),
        percent(r.hit1, r.answered),
        r.hit1Ties === null ? "n/a" : percent(r.hit1Ties, r.answered),
        percent(r.top10, r.answered),
        String(r.empty),
      ]),
    ),
  );
  if (ranking.misses.length > 0) {
    console.log(`\nexact-name and code searches whose first answer is not acceptable (${ranking.misses.length}${ranking.misses.length > 10 ? ", first 10" : ""}):`);
    for (const m of ranking.misses.slice(0, 10)) console.log(`  ${m.category} ${JSON.stringify(m.search)}: expected ${m.expected}, first ${m.first ?? "nothing"}`);
  }

  // Throughput: the closed-loop load, cycling through the same searches and lookups.
  const phase = { concurrency: settings.concurrency, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
  const load = async (name: string, description: string, bodies: string[]): Promise<ScenarioResult> => {
    const spec: RequestSpec = { url, body: bodies[0], bodies, headers: () => headers, check: graphqlFailure };
    const warm = settings.warmupSeconds > 0 ? await runPhase(spec, { ...phase, durationMs: settings.warmupSeconds * 1000 }) : null;
    const measured = await runPhase(spec, { ...phase, durationMs: settings.seconds * 1000 });
    const errorSamples: Record<string, number> = { ...warm?.errorSamples };
    for (const [message, count] of Object.entries(measured.errorSamples)) errorSamples[message] = (errorSamples[message] ?? 0) + count;
    return { name, description, url, warmup: { requests: warm?.requests ?? 0, errors: warm?.errors ?? 0, elapsedMs: warm?.elapsedMs ?? 0 }, measured: summarize(measured), errorSamples };
  };
  console.log(
    `\nthroughput: closed loop, ${settings.concurrency} workers, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured each, cycling through the same ${cases.length} queries ...`,
  );
  const throughput = [
    await load("search", "territories(search, first: 10) through the gateway", cases.map(searchBody)),
    await load("lookup", "territory(id) through the gateway", cases.map(lookupBody)),
  ];
  console.log(`\n${resultsTable(throughput)}`);
  const [searchLoad, lookupLoad] = throughput.map((r) => r.measured);
  console.log(
    `\nunder load: search / lookup p50 ${times(searchLoad.p50 / lookupLoad.p50)}, p95 ${times(searchLoad.p95 / lookupLoad.p95)}, rps ${times(searchLoad.rps / lookupLoad.rps)} (${searchLoad.rps.toFixed(1)} vs ${lookupLoad.rps.toFixed(1)})`,
  );

  for (const r of throughput) for (const [message, count] of Object.entries(r.errorSamples)) errors[`${r.name} under load: ${message}`] = count;
  if (warmupErrors > 0) errors["sequential warm-up errors"] = warmupErrors;
  const failures = Object.entries(errors).map(([message, count]) => `${count}× ${message}`);
  return {
    failures,
    result: {
      gatewayUrl,
      seed: SEED,
      queries: cases.length,
      categories: counts,
      sequential: { ...sequential, ratio, elapsedMs: sequentialMs, warmupPairs: WARMUP_PAIRS },
      ranking: ranking.rows,
      rankingAggregates: ranking.aggregates,
      misses: ranking.misses.slice(0, MAX_LISTED_MISSES),
      throughput: {
        concurrency: settings.concurrency,
        scenarios: throughput,
        ratio: { p50: searchLoad.p50 / lookupLoad.p50, p95: searchLoad.p95 / lookupLoad.p95, rps: searchLoad.rps / lookupLoad.rps },
      },
      sampleQueries: cases.slice(0, 30),
    },
  };
}
