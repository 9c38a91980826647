// The "resources" benchmark: words searched in the library of engineering resources (funding's
// PostgreSQL full-text search over 5,000 sheets, with a territory) through the gateway, against
// territory(id) lookups in the same run, one request at a time, alternating (latency without
// queueing). The sheets are written straight into the funding database once (source HUB,
// external ids "bench:<n>", kept between runs); a hub the bench did not start is not seeded.
import { loadCog } from "@hub/reference";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { alternately, latencyStats, percentile } from "./load";
import { ms, table, times, type BenchOutcome } from "./report";
import { devSessionToken, graphqlFailure, graphqlOnce } from "./scenarios";
import type { Settings } from "./settings";

export const SHEETS = 5000;
const VIEWER = "camille.martin@clermont-ferrand.demo";
const SEARCH = `query($f: ResourceFilter!) { resources(filter: $f, first: 20) { totalCount edges { node { id title } } } }`;
const LOOKUP = `query($id: ID!) { territory(id: $id) { id name } }`;
const WARMUP_PAIRS = 50;

const SUBJECTS = ["Rénovation énergétique", "Revitalisation", "Renaturation", "Aménagement", "Mise en accessibilité", "Sécurisation", "Réhabilitation", "Gestion durable", "Extension", "Diagnostic"];
const OBJECTS = [
  "des écoles",
  "du centre-bourg",
  "des cours d'école",
  "des équipements sportifs",
  "des logements vacants",
  "de la voirie",
  "des réseaux d'eau",
  "de l'éclairage public",
  "des friches",
  "des commerces",
];
const FORMS = ["Guide", "Programme", "Accompagnement", "Appui technique", "Boîte à outils", "Retour d'expérience", "Formation", "Aide en ingénierie"];
const THEMES = [
  "urbanisme-logement-amenagement",
  "energies-dechets",
  "eau",
  "mobilite-transports",
  "nature-environnement-risques",
  "solidarites-lien-social",
  "culture-patrimoine-sports-tourisme",
  "developpement-economique",
  "fonctions-support",
];
const KINDS = ["GUIDE", "PROGRAMME", "EXPERT_SERVICE", "ENGINEERING_AID", "TOOL", "TRAINING"];
/** Words typed without accents, singular or plural, as people do. */
const QUERIES = [
  "renovation ecole",
  "revitalisation centre bourg",
  "renaturation cours",
  "logements vacants",
  "eclairage public",
  "friches",
  "voirie securisation",
  "reseaux eau",
  "equipement sportif",
  "commerce diagnostic",
  "accessibilite",
  "rehabilitation logement",
];

/** A deterministic pseudo-random sequence (the same sheets and queries on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Writes the bench's sheets into the funding database unless they are there; returns how many exist. */
export async function seedSheets(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ count }] = (await client.query<{ count: string }>(`SELECT count(*) FROM resource WHERE external_id LIKE 'bench:%'`)).rows;
    if (Number(count) >= SHEETS) return Number(count);
    const cog = loadCog();
    const next = random(0x11b);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const rows = Array.from({ length: SHEETS }, (_, n) => {
      const subject = pick(SUBJECTS);
      const object = pick(OBJECTS);
      const place = next();
      // A third national, a third régional, a third départemental.
      const territories = place < 1 / 3 ? [] : place < 2 / 3 ? [`REGION:${pick(cog.regions).code}`] : [`DEPARTEMENT:${pick(cog.departements).code}`];
      return {
        id: `bench:${n}`,
        title: `${pick(FORMS)} : ${subject.toLowerCase()} ${object}`,
        summary: `${subject} ${object} : méthode, financement et retours d'expérience de collectivités (${n}).`,
        body: `## Pour qui\n\nLes communes et intercommunalités qui portent un projet de ${subject.toLowerCase()} ${object}.\n\n## Étapes\n\n1. Diagnostic\n2. Programme\n3. Travaux`,
        themes: [pick(THEMES)],
        territories,
        kind: pick(KINDS),
      };
    });
    await client.query(
      `INSERT INTO resource (title, summary, body, themes, territory_ids, kind, status, source, external_id)
       SELECT r.title, r.summary, r.body, ARRAY(SELECT jsonb_array_elements_text(r.themes)), ARRAY(SELECT jsonb_array_elements_text(r.territories)), r.kind, 'PUBLISHED', 'HUB', r.id
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, title text, summary text, body text, themes jsonb, territories jsonb, kind text)
       ON CONFLICT (source, external_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    return SHEETS;
  } finally {
    await client.end();
  }
}

export async function runResourcesBench(gatewayUrl: string, fundingDatabaseUrl: string | null, settings: Settings): Promise<BenchOutcome> {
  const failures: string[] = [];
  if (fundingDatabaseUrl) console.log(`${await seedSheets(fundingDatabaseUrl)} bench sheets in the library`);
  else console.log("a running hub: its library is searched as it is (no sheet written)");
  const token = await devSessionToken(gatewayUrl, VIEWER);
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const url = new URL("/graphql", gatewayUrl).toString();
  const communes = loadCog().communes.filter((c) => c.type === "commune-actuelle");
  const next = random(0x5eed);
  const cases = Array.from({ length: settings.searchQueries }, () => ({
    filter: { search: QUERIES[Math.floor(next() * QUERIES.length)], territoryId: `COMMUNE:${communes[Math.floor(next() * communes.length)].code}` },
  }));
  const total = (await graphqlOnce(url, headers, SEARCH, { f: { search: "renovation" } }, settings.timeoutMs)) as { resources?: { totalCount?: number } };
  if (typeof total.resources?.totalCount !== "number") throw new Error(`resources(filter) answered ${JSON.stringify(total).slice(0, 200)}`);

  const send = async (query: string, variables: Record<string, unknown>) => {
    const t0 = performance.now();
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(settings.timeoutMs) });
    const text = await response.text();
    const elapsed = performance.now() - t0;
    const failure = graphqlFailure(response.status, text);
    return { ms: elapsed, failure, data: failure ? null : (JSON.parse(text) as { data: { resources?: { totalCount: number } } }).data };
  };
  for (const c of cases.slice(0, WARMUP_PAIRS)) {
    await send(SEARCH, { f: c.filter });
    await send(LOOKUP, { id: c.filter.territoryId });
  }
  const searches: { ms: number; failure: string | null; hits: number }[] = [];
  const lookups: { ms: number; failure: string | null }[] = [];
  for (let i = 0; i < cases.length; i++) {
    const search = async () => {
      const s = await send(SEARCH, { f: cases[i].filter });
      searches.push({ ms: s.ms, failure: s.failure, hits: s.data?.resources?.totalCount ?? 0 });
    };
    const lookup = async () => lookups.push(await send(LOOKUP, { id: cases[i].filter.territoryId }));
    await alternately(i, search, lookup);
  }
  const search = latencyStats(searches);
  const lookup = latencyStats(lookups);
  const ratio = { p50: search.p50 / lookup.p50, p95: search.p95 / lookup.p95 };
  const hits = searches.map((s) => s.hits).sort((a, b) => a - b);
  console.log(`\n${cases.length} searches and ${cases.length} lookups, one at a time, alternating (${WARMUP_PAIRS} unmeasured pairs before):\n`);
  console.log(
    table(
      ["request", "requests", "p50 ms", "p95 ms", "max ms", "errors"],
      [
        ["resources(search, territoryId)", String(search.requests), ms(search.p50), ms(search.p95), ms(search.max), String(search.errors)],
        ["territory(id)", String(lookup.requests), ms(lookup.p50), ms(lookup.p95), ms(lookup.max), String(lookup.errors)],
      ],
    ),
  );
  console.log(`\nsearch / lookup: p50 ${times(ratio.p50)}, p95 ${times(ratio.p95)}; sheets found per search: median ${percentile(hits, 50)}, p95 ${percentile(hits, 95)}`);
  for (const s of [...searches, ...lookups]) if (s.failure) failures.push(s.failure);
  if (percentile(hits, 50) === 0) failures.push("most searches found no sheet: is the library seeded?");
  return {
    failures: [...new Set(failures)].slice(0, 20),
    result: { sheets: fundingDatabaseUrl ? SHEETS : null, search, lookup, ratio, hits: { p50: percentile(hits, 50), p95: percentile(hits, 95) } },
  };
}
