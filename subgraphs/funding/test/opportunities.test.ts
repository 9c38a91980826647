import { CAMILLE, codes, JULIEN, startHub, type Hub } from "@hub/testing";

interface Node {
  id: string;
  name: string;
  kind: string;
  score: number;
  reasons: string[];
  perimeter: string | null;
  submissionDeadline: string | null;
  stale: boolean;
  fetchedAt: string;
}
type Page = { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;

const NODE = "id name kind score reasons perimeter submissionDeadline stale fetchedAt";
const PROJECT = `query($id: ID!, $kind: FundingKind, $first: Int, $after: String) {
  project(id: $id) { title fundingOpportunities(first: $first, after: $after, kind: $kind) { edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }
}`;
const PAGE = `{ projects(first: 50) { edges { node { id title territory { name } fundingOpportunities(first: 3) { edges { node { id name reasons stale } } } } } } }`;

const THEMES = ["eau", "energies-dechets", "mobilite-transports", "culture-patrimoine-sports-tourisme", "urbanisme-logement-amenagement"];
const PHASES = ["IDEE", "ETUDE", "OPERATION"];

describe("funding opportunities through the gateway: matching, ranking, cache, faults", () => {
  let hub: Hub;
  let camille: string;
  const create = async (input: Record<string, unknown>) => {
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { territoryId: "COMMUNE:63113", ...input } },
      camille,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createProject.id;
  };
  const opportunities = async (id: string, variables: Record<string, unknown> = {}) => {
    const response = await hub.query<{ project: { title: string; fundingOpportunities: Page } }>(PROJECT, { id, first: 50, ...variables }, camille);
    expect(response.errors).toBeUndefined();
    return response.data!.project.fundingOpportunities!;
  };

  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());

  it("matches the phase, the themes, the carrier and every commune concerned, open calls only, and says why", async () => {
    const works = await create({ title: "Requalification du centre-bourg", themes: ["urbanisme-logement-amenagement"], phase: "OPERATION", communeIds: ["COMMUNE:03185"] });
    const page = await opportunities(works);
    const names = page.edges.map((e) => e.node.name);
    // The EPCI's own aid, the DETR of both départements (Montluçon's through that commune), the national DSIL.
    expect(names).toEqual(
      expect.arrayContaining([
        "Fonds de concours aux communes membres — Clermont Auvergne Métropole",
        "Dotation d'équipement des territoires ruraux (DETR) — Puy-de-Dôme",
        "Dotation d'équipement des territoires ruraux (DETR) — Allier",
        "Dotation de soutien à l'investissement local (DSIL)",
      ]),
    );
    // Closed call, conception-only aids, other régions: never.
    expect(names).not.toContain("Fonds friches : recyclage foncier (appel clos)");
    expect(names).not.toContain("Accompagnement en ingénierie de projet par le Cerema");
    expect(names.filter((n) => n.includes("Bretagne"))).toEqual([]);
    const byName = (name: string) => page.edges.find((e) => e.node.name === name)!.node;
    expect(byName("Fonds de concours aux communes membres — Clermont Auvergne Métropole").reasons).toEqual([
      "Couvre votre commune",
      "Aide intercommunale (Clermont Auvergne Métropole)",
      "Thème : Urbanisme / logement / aménagement",
      "Adapté à la phase Opération",
      "Finance l'investissement",
      "Sans date limite",
      "Taux de subvention de 10 à 50 %",
    ]);
    expect(byName("Dotation d'équipement des territoires ruraux (DETR) — Allier").reasons[0]).toBe("Couvre la commune de Montluçon");
    // Best first: scores never increase down the list, and the most local aid leads.
    const scores = page.edges.map((e) => e.node.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(page.edges[0].node.name).toBe("Fonds de concours aux communes membres — Clermont Auvergne Métropole");
    expect(page.edges.every((e) => !e.node.stale && !Number.isNaN(Date.parse(e.node.fetchedAt)))).toBe(true);
  });

  it("filters by kind, pages with cursors, and counts the days left", async () => {
    const study = await create({ title: "Schéma directeur d'eau potable", themes: ["eau", "energies-dechets"], phase: "ETUDE" });
    const all = await opportunities(study);
    const engineering = await opportunities(study, { kind: "ENGINEERING" });
    expect(engineering.edges.length).toBeGreaterThan(0);
    expect(engineering.edges.every((e) => e.node.kind === "ENGINEERING")).toBe(true);
    expect(all.edges.filter((e) => e.node.kind === "ENGINEERING").map((e) => e.node.id)).toEqual(engineering.edges.map((e) => e.node.id));
    const actee = all.edges.find((e) => e.node.name.startsWith("ACTEE"))!.node;
    expect(actee.reasons).toContain("Date limite dans 5 jours");
    const first = await opportunities(study, { first: 2 });
    const second = await opportunities(study, { first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(all.edges.slice(0, 4).map((e) => e.node.id));
    expect(first.pageInfo.hasNextPage).toBe(true);
  });

  it("answers the root search with the same ranking, and refuses bad filters with BAD_USER_INPUT", async () => {
    const query = `query($filter: FundingOpportunityFilter!) { fundingOpportunities(filter: $filter, first: 50) { edges { node { id reasons } } } }`;
    const julien = await hub.token(JULIEN);
    const root = await hub.query<{ fundingOpportunities: Page }>(query, { filter: { territoryId: "COMMUNE:63113", themes: ["urbanisme-logement-amenagement"], phase: "OPERATION" } }, julien);
    expect(root.errors).toBeUndefined();
    const works = await create({ title: "Même recherche", themes: ["urbanisme-logement-amenagement"], phase: "OPERATION" });
    expect(root.data!.fundingOpportunities!.edges).toEqual((await opportunities(works)).edges.map((e) => ({ node: { id: e.node.id, reasons: e.node.reasons } })));
    const department = await hub.query<{ fundingOpportunities: Page }>(query, { filter: { territoryId: "DEPARTEMENT:63", themes: ["solidarites-lien-social"] } }, julien);
    expect(department.data!.fundingOpportunities!.edges.length).toBeGreaterThan(0);
    for (const [filter, field] of [
      [{ territoryId: "nowhere" }, "filter.territoryId"],
      [{ territoryId: "COMMUNE:63113", themes: ["piscines"] }, "filter.themes"],
    ] as const) {
      const refused = await hub.query(query, { filter }, julien);
      expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(refused.errors![0].extensions!.field).toBe(field);
    }
    expect(codes(await hub.query(query.replace("first: 50", "first: 51"), { filter: { territoryId: "COMMUNE:63113" } }, julien))).toEqual(["BAD_USER_INPUT"]);
  });

  it("serves a warm page of 50 projects with 3 opportunities each without calling Aides-Territoires", async () => {
    const existing = (await hub.query<{ projects: { edges: unknown[] } }>(`{ projects(first: 50) { edges { node { id } } } }`, {}, camille)).data!.projects.edges.length;
    for (let i = existing; i < 50; i++) {
      await create({ title: `Projet ${i}`, themes: [THEMES[i % THEMES.length]], phase: PHASES[i % PHASES.length], communeIds: i % 7 === 0 ? ["COMMUNE:63014"] : [] });
    }
    const run = async () => {
      const before = hub.standIn.stats.dataRequests;
      const response = await hub.query<{ projects: { edges: { node: { title: string; fundingOpportunities: Page } }[] } }>(PAGE, {}, camille);
      expect(response.errors).toBeUndefined();
      const edges = response.data!.projects.edges;
      expect(edges).toHaveLength(50);
      expect(edges.filter((e) => e.node.fundingOpportunities!.edges.length !== 3).map((e) => e.node.title)).toEqual([]);
      return hub.standIn.stats.dataRequests - before;
    };
    const cold = await run();
    expect(cold).toBeGreaterThan(0);
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
  });

  it("while Aides-Territoires is down: serves the cache past its TTL, marked stale; with nothing cached, only that field fails with UPSTREAM_UNAVAILABLE", async () => {
    const cached = await create({ title: "Voie verte", themes: ["mobilite-transports"], phase: "OPERATION" });
    const fresh = await opportunities(cached);
    expect(fresh.edges.find((e) => e.node.name.startsWith("Appel à projets Plan vélo"))!.node.reasons).toContain("Date limite dans 12 jours");
    hub.standIn.inject({ fault: { kind: "error", status: 503 } });
    await hub.sql("funding", "UPDATE aid_search SET fetched_at = now() - interval '7 hours'");
    await hub.sql("funding", "UPDATE aid SET fetched_at = now() - interval '7 hours'");
    const stale = await opportunities(cached);
    expect(stale.edges.map((e) => e.node.id)).toEqual(fresh.edges.map((e) => e.node.id));
    expect(stale.edges.every((e) => e.node.stale)).toBe(true);
    expect(Date.parse(stale.edges[0].node.fetchedAt)).toBeLessThan(Date.now() - 6 * 3600_000);
    // A project whose search was never cached: the project answers, its opportunities carry the error.
    const uncached = await create({ title: "Maison de santé", themes: ["solidarites-lien-social"], phase: "OPERATION" });
    const response = await hub.query<{ project: { title: string; fundingOpportunities: Page } }>(PROJECT, { id: uncached }, camille);
    expect(response.data!.project).toEqual({ title: "Maison de santé", fundingOpportunities: null });
    expect(response.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[["project", "fundingOpportunities"], "UPSTREAM_UNAVAILABLE"]]);
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|stack/);
    hub.standIn.clearFaults();
  });
});
