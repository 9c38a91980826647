import { loadThemes } from "@hub/reference";
import type { DataSource } from "typeorm";
import { NADIA, startHub, type Hub } from "@hub/testing";
import { Resource } from "../src/entities/library.entity";
import { SuggestionRule } from "../src/entities/suggestion.entity";
import { projectPlaces, suggest, type ProjectProfile } from "../src/rules/suggestions";
import { prefilterRules, ruleFilterKey } from "../src/services/rule-prefilter";

/** A small deterministic generator (the same varied set on every run). */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  /** 0 to `max` distinct values of `pool`. */
  const some = <T>(pool: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(next() * (max + 1)) }, () => pool[Math.floor(next() * pool.length)]))];
  return { next, some };
}

const TAGS = ["chauffage-fioul", "chaudiere-ancienne", "batiment-scolaire", "isolation", "vacance-commerciale", "pvd", "audit-a-faire", "decret-tertiaire", "habitat-degrade", "photovoltaique"];
const PLACES = ["REGION:84", "DEPARTEMENT:63", "DEPARTEMENT:03", "REGION:93", "DEPARTEMENT:13", "REGION:11", "DEPARTEMENT:75", "REGION:53"];
const COMMUNES = ["COMMUNE:63113", "COMMUNE:13055", "COMMUNE:75056", "COMMUNE:03185", "COMMUNE:29019"];

/**
 * The SQL prefilter of suggestion rules (services/rule-prefilter.ts, migration 1768860000001)
 * gives the same suggestions as matching every rule in memory, on 600 varied rules (tags, themes,
 * territories, each possibly empty) and 60 varied projects, in one statement for them all.
 */
describe("the SQL prefilter of suggestion rules", () => {
  let hub: Hub;
  const rules: SuggestionRule[] = [];
  const resources = new Map<string, Resource>();
  const themes = loadThemes().map((t) => t.slug);

  beforeAll(async () => {
    hub = await startHub();
    const token = await hub.token(NADIA);
    const random = generator(7);
    for (let i = 0; i < 12; i++) {
      const created = await hub.query<{ createResource: { id: string } }>(
        `mutation($input: ResourceInput!) { createResource(input: $input) { id } }`,
        { input: { title: `Fiche ${i}`, summary: "Une fiche.", body: "Le corps.", kind: "GUIDE", status: i === 11 ? "DRAFT" : "PUBLISHED", territoryIds: random.some(PLACES.slice(0, 4), 1) } },
        token,
      );
      expect(created.errors).toBeUndefined();
    }
    const resourceRows = await hub.sql<{ id: string; title: string; status: string; expires_at: Date | null; territory_ids: string[] }>(
      "funding",
      "SELECT id, title, status, expires_at, territory_ids FROM resource",
    );
    for (const row of resourceRows)
      resources.set(row.id, Object.assign(new Resource(), { id: row.id, title: row.title, status: row.status, expiresAt: row.expires_at, territoryIds: row.territory_ids }));
    const resourceIds = [...resources.keys()];
    for (let i = 0; i < 600; i++) {
      const tags = random.some(TAGS, 3);
      const ruleThemes = tags.length === 0 ? [themes[i % themes.length]] : random.some(themes, 2);
      await hub.sql(
        "funding",
        `INSERT INTO suggestion_rule (name, tags, themes, territory_ids, resource_ids, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, now() + make_interval(secs => $6), now() + make_interval(secs => $6))`,
        [
          `Règle ${i}`,
          tags,
          ruleThemes,
          random.some(PLACES, 2),
          random
            .some(resourceIds, 3)
            .concat(resourceIds[i % resourceIds.length])
            .filter((id, k, all) => all.indexOf(id) === k),
          i,
        ],
      );
    }
    const ruleRows = await hub.sql<{
      id: string;
      name: string;
      tags: string[];
      themes: string[];
      territory_ids: string[];
      resource_ids: string[];
      version: number;
      created_at: Date;
      updated_at: Date;
    }>("funding", "SELECT id, name, tags, themes, territory_ids, resource_ids, version, created_at, updated_at FROM suggestion_rule ORDER BY created_at, id");
    for (const row of ruleRows)
      rules.push(
        Object.assign(new SuggestionRule(), {
          id: row.id,
          name: row.name,
          tags: row.tags,
          themes: row.themes,
          territoryIds: row.territory_ids,
          resourceIds: row.resource_ids,
          ownerOrganizationId: null,
          version: row.version,
          updatedBy: null,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
      );
  }, 120_000);
  afterAll(() => hub.stop());

  it("selects, for each project, the rules that suggest the same resources with the same reasons", async () => {
    const random = generator(11);
    const profiles: ProjectProfile[] = Array.from({ length: 60 }, (_, i) => ({
      tags: random.some(TAGS, 4),
      themes: random.some(themes, 2),
      territoryIds: [COMMUNES[i % COMMUNES.length], ...random.some(COMMUNES, 1)],
    }));
    profiles.push({ tags: [], themes: [], territoryIds: ["COMMUNE:63113"] }, { tags: TAGS, themes, territoryIds: COMMUNES });
    const { dataSource } = hub.subgraphs.funding.database;
    const keys = [...new Set(profiles.map(ruleFilterKey))];
    // One statement for every project of the batch.
    let statements = 0;
    const counted = { query: (...args: Parameters<DataSource["query"]>) => (statements++, dataSource.query(...args)) } as unknown as DataSource;
    const selected = await prefilterRules(counted, keys);
    expect(statements).toBe(1);
    const now = new Date();
    let suggested = 0;
    for (const profile of profiles) {
      const candidates = selected.filter((s) => s.key === ruleFilterKey(profile)).map((s) => s.rule);
      // In the order of the rules (oldest first).
      const ids = candidates.map((r) => r.id);
      expect(ids).toEqual(rules.filter((r) => ids.includes(r.id)).map((r) => r.id));
      const inMemory = suggest(profile, rules, resources, new Set(), now);
      const fromSql = suggest(profile, candidates, resources, new Set(), now);
      const shape = (list: typeof inMemory) =>
        list.map((s) => ({ resource: s.resource.id, tags: s.matchedTags, themes: s.matchedThemes, territories: s.matchedTerritoryIds, rules: s.rules.map((r) => r.id), explanation: s.explanation }));
      expect(shape(fromSql)).toEqual(shape(inMemory));
      // Exactly the rules whose every non-empty criterion meets the project.
      const places = projectPlaces(profile.territoryIds);
      const meets = (criterion: readonly string[], values: (v: string) => boolean) => criterion.length === 0 || criterion.some(values);
      const matching = rules.filter((r) => meets(r.tags, (t) => profile.tags.includes(t)) && meets(r.themes, (t) => profile.themes.includes(t)) && meets(r.territoryIds, (t) => places.has(t)));
      expect(ids).toEqual(matching.map((r) => r.id));
      suggested += inMemory.length;
    }
    // The set is varied: some projects get suggestions, some none.
    expect(suggested).toBeGreaterThan(60);
    expect(profiles.some((p) => suggest(p, rules, resources, new Set(), now).length === 0)).toBe(true);
    expect(selected.length).toBeLessThan(keys.length * rules.length);
  });

  it("finds the rules of a project through the GIN indexes", async () => {
    const key = ruleFilterKey({ tags: ["chauffage-fioul"], themes: ["energies-dechets"], territoryIds: ["COMMUNE:63113"] });
    const plan = await hub.subgraphs.funding.database.dataSource.transaction(async (manager) => {
      await manager.query("SET LOCAL enable_seqscan = off");
      const rows = await manager.query<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT r.id FROM jsonb_to_recordset($1::jsonb) AS f(key text, tags text[], themes text[], places text[])
           JOIN suggestion_rule r ON r.tag_keys && array_append(f.tags, '*') AND r.theme_keys && array_append(f.themes, '*') AND r.territory_keys && array_append(f.places, '*')`,
        [JSON.stringify([{ key, ...(JSON.parse(key) as object) }])],
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/suggestion_rule_(tag|theme|territory)_keys_idx/);
  });
});
