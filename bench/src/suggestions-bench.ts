// The "suggestions" benchmark: Project.suggestedResources for one project with 5,000 suggestion
// rules in the library (funding selects the rules that may match in SQL, through GIN indexes),
// through the gateway, against territory(id) lookups in the same run, one request at a time,
// alternating. The rules (names "bench:<n>") are written straight into the funding database once,
// on the bench's sheets (resources-bench.ts); a hub the bench did not start is not seeded.
import { loadThemes } from "@hub/reference";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { alternately, latencyStats } from "./load";
import { ms, table, times, type BenchOutcome } from "./report";
import { seedSheets } from "./resources-bench";
import { devSessionToken, graphqlFailure, graphqlOnce } from "./scenarios";
import type { Settings } from "./settings";

export const RULES = 5000;
const COLLECTIVITE = "camille.martin@clermont-ferrand.demo";
const STATE_AGENT = "julien.bernard@ddt63.demo";
const TERRITORY = "COMMUNE:63113";
const SUGGESTED = `query($id: ID!) { project(id: $id) { id suggestedResources { resource { id title } matchedTags explanation } } }`;
const LOOKUP = `query($id: ID!) { territory(id: $id) { id name } }`;
const WARMUP_PAIRS = 30;
const TAGS = ["chauffage-fioul", "chaudiere-ancienne", "batiment-scolaire", "isolation", "vacance-commerciale", "pvd", "audit-a-faire", "decret-tertiaire", "habitat-degrade", "photovoltaique"];
const PLACES = ["REGION:84", "DEPARTEMENT:63", "DEPARTEMENT:03", "REGION:93", "DEPARTEMENT:13", "REGION:11", "DEPARTEMENT:75", "REGION:53", "DEPARTEMENT:29", "REGION:44"];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Writes the bench's rules (tags, themes, territories varied; each on 1 to 3 bench sheets) unless they are there. */
async function seedRules(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ count }] = (await client.query<{ count: string }>(`SELECT count(*) FROM suggestion_rule WHERE name LIKE 'bench:%'`)).rows;
    if (Number(count) >= RULES) return Number(count);
    const sheets = (await client.query<{ id: string }>(`SELECT id FROM resource WHERE external_id LIKE 'bench:%' ORDER BY external_id LIMIT 500`)).rows.map((r) => r.id);
    const themes = loadThemes().map((t) => t.slug);
    const next = random(0x5a9);
    const some = <T>(pool: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(next() * (max + 1)) }, () => pool[Math.floor(next() * pool.length)]))];
    const rows = Array.from({ length: RULES }, (_, n) => {
      const tags = some(TAGS, 2);
      return {
        name: `bench:${n}`,
        tags,
        themes: tags.length === 0 ? [themes[n % themes.length]] : some(themes, 1),
        territories: some(PLACES, 2),
        resources: [sheets[n % sheets.length], ...some(sheets, 2)],
      };
    });
    await client.query(
      `INSERT INTO suggestion_rule (name, tags, themes, territory_ids, resource_ids, version, created_at, updated_at)
       SELECT r.name, ARRAY(SELECT jsonb_array_elements_text(r.tags)), ARRAY(SELECT jsonb_array_elements_text(r.themes)), ARRAY(SELECT jsonb_array_elements_text(r.territories)),
              ARRAY(SELECT DISTINCT jsonb_array_elements_text(r.resources))::uuid[], 1, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(name text, tags jsonb, themes jsonb, territories jsonb, resources jsonb)`,
      [JSON.stringify(rows)],
    );
    return RULES;
  } finally {
    await client.end();
  }
}

export async function runSuggestionsBench(gatewayUrl: string, fundingDatabaseUrl: string | null, settings: Settings): Promise<BenchOutcome> {
  const failures: string[] = [];
  if (fundingDatabaseUrl) {
    await seedSheets(fundingDatabaseUrl);
    console.log(`${await seedRules(fundingDatabaseUrl)} bench suggestion rules in the library`);
  } else console.log("a running hub: its rules are used as they are (none written)");
  const url = new URL("/graphql", gatewayUrl).toString();
  const camille = { authorization: `Bearer ${await devSessionToken(gatewayUrl, COLLECTIVITE)}` };
  const julien = { "content-type": "application/json", authorization: `Bearer ${await devSessionToken(gatewayUrl, STATE_AGENT)}` };
  // A project of Clermont-Ferrand on two themes, submitted: the DDT 63 sees its suggestions.
  const created = (await graphqlOnce(
    url,
    camille,
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { title: `Rénovation de l'école (bench ${Date.now()})`, territoryId: TERRITORY, themes: ["energies-dechets", "urbanisme-logement-amenagement"] } },
    settings.timeoutMs,
  )) as { createProject?: { id: string } };
  const projectId = created.createProject?.id;
  if (!projectId) throw new Error(`createProject answered ${JSON.stringify(created).slice(0, 200)}`);
  await graphqlOnce(url, camille, `mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId }, settings.timeoutMs);

  const send = async (query: string, variables: Record<string, unknown>) => {
    const t0 = performance.now();
    const response = await fetch(url, { method: "POST", headers: julien, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(settings.timeoutMs) });
    const text = await response.text();
    const elapsed = performance.now() - t0;
    const failure = graphqlFailure(response.status, text);
    return { ms: elapsed, failure, data: failure ? null : (JSON.parse(text) as { data: { project?: { suggestedResources: unknown[] | null } } }).data };
  };
  for (let i = 0; i < WARMUP_PAIRS; i++) {
    await send(SUGGESTED, { id: projectId });
    await send(LOOKUP, { id: TERRITORY });
  }
  const requests = Math.max(50, Math.floor(settings.searchQueries / 2));
  const suggested: { ms: number; failure: string | null; count: number }[] = [];
  const lookups: { ms: number; failure: string | null }[] = [];
  for (let i = 0; i < requests; i++) {
    const suggest = async () => {
      const s = await send(SUGGESTED, { id: projectId });
      suggested.push({ ms: s.ms, failure: s.failure, count: s.data?.project?.suggestedResources?.length ?? 0 });
    };
    const lookup = async () => lookups.push(await send(LOOKUP, { id: TERRITORY }));
    await alternately(i, suggest, lookup);
  }
  const suggestion = latencyStats(suggested);
  const lookup = latencyStats(lookups);
  const ratio = { p50: suggestion.p50 / lookup.p50, p95: suggestion.p95 / lookup.p95 };
  const count = suggested.find((s) => !s.failure)?.count ?? 0;
  console.log(`\n${requests} suggestion reads and ${requests} lookups, one at a time, alternating (${WARMUP_PAIRS} unmeasured pairs before):\n`);
  console.log(
    table(
      ["request", "requests", "p50 ms", "p95 ms", "max ms", "errors"],
      [
        ["project(id) { suggestedResources }", String(suggestion.requests), ms(suggestion.p50), ms(suggestion.p95), ms(suggestion.max), String(suggestion.errors)],
        ["territory(id)", String(lookup.requests), ms(lookup.p50), ms(lookup.p95), ms(lookup.max), String(lookup.errors)],
      ],
    ),
  );
  console.log(`\nsuggestions / lookup: p50 ${times(ratio.p50)}, p95 ${times(ratio.p95)}; resources suggested to the project: ${count}`);
  for (const s of [...suggested, ...lookups]) if (s.failure) failures.push(s.failure);
  if (fundingDatabaseUrl && count === 0) failures.push("the project got no suggestion: are the rules seeded?");
  return { failures: [...new Set(failures)].slice(0, 20), result: { rules: fundingDatabaseUrl ? RULES : null, suggestion, lookup, ratio, suggested: count } };
}
