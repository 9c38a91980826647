import { codes, NADIA, startHub, wsOperation, type Hub } from "@hub/testing";

/**
 * Programme keys see their programme (issue 12): a key limited to programmes and/or territories
 * reads, over HTTP and WebSocket, only the projects within its limits, and only their figures
 * (portfolio, Territory.stats, the CSV export); an unlimited key, for comparison, reads them all.
 */
describe("API keys limited to programmes and territories", () => {
  let hub: Hub;
  const ids: Record<string, string> = {};
  const keys: Record<"limited" | "departement" | "unlimited", string> = { limited: "", departement: "", unlimited: "" };

  // Clermont-Ferrand and Moulins are in the région 84 (Auvergne-Rhône-Alpes), Paris in the 11.
  const FILE = [
    "identifiant_externe;territoire;titre;programmes;statut",
    "A;63113;Village d'avenir à Clermont;Villages d'avenir;déposé",
    "B;63113;CRTE à Clermont;CRTE;déposé",
    "C;75056;Village d'avenir à Paris;Villages d'avenir;déposé",
    "D;03190;Village d'avenir à Moulins;Villages d'avenir|CRTE;déposé",
  ].join("\n");

  beforeAll(async () => {
    hub = await startHub();
    const nadia = await hub.token(NADIA);
    const imported = await hub.query<{ importProjects: { created: number } }>(
      `mutation ($content: String!) { importProjects(content: $content, source: "programme-keys") { created } }`,
      { content: FILE },
      nadia,
    );
    expect(imported.errors).toBeUndefined();
    for (const row of await hub.sql<{ id: string; external_id: string }>("projects", "SELECT id, external_id FROM project WHERE external_source = 'programme-keys'")) ids[row.external_id] = row.id;
    expect(Object.keys(ids).sort()).toEqual(["A", "B", "C", "D"]);
    const create = async (input: Record<string, unknown>) => {
      const response = await hub.query<{ createApiKey: { key: string } }>(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input }, nadia);
      expect(response.errors).toBeUndefined();
      return response.data!.createApiKey.key;
    };
    const scopes = ["projects:read", "stats:read"];
    keys.limited = await create({ name: "Villages d'avenir en Auvergne-Rhône-Alpes", scopes, programmes: ["Villages d'avenir"], territoryIds: ["REGION:84"] });
    keys.departement = await create({ name: "Puy-de-Dôme", scopes, territoryIds: ["DEPARTEMENT:63"] });
    keys.unlimited = await create({ name: "France", scopes });
    await hub.reportingCaughtUp();
  });
  afterAll(() => hub.stop());

  const names = (list: string[]) => list.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? `outside:${id}`).sort();
  const LIST = `{ projects(first: 100) { totalCount edges { node { id } } } }`;
  type List = { projects: { totalCount: number; edges: { node: { id: string } }[] } };

  it.each([
    ["limited", ["A", "D"]],
    ["departement", ["A", "B"]],
    ["unlimited", ["A", "B", "C", "D"]],
  ] as const)("over HTTP, the %s key lists only its projects, and counts them", async (key, expected) => {
    const response = await hub.query<List>(LIST, {}, keys[key]);
    expect(response.errors).toBeUndefined();
    expect(names(response.data!.projects.edges.map((e) => e.node.id))).toEqual(expected);
    expect(response.data!.projects.totalCount).toBe(expected.length);
  });

  it("over HTTP, a project outside the limits is NOT_FOUND, a territory outside them has no project, the journal holds none of theirs", async () => {
    expect(codes(await hub.query(`query ($id: ID!) { project(id: $id) { id } }`, { id: ids.C }, keys.limited))).toEqual(["NOT_FOUND"]);
    expect(codes(await hub.query(`query ($id: ID!) { project(id: $id) { id } }`, { id: ids.B }, keys.limited))).toEqual(["NOT_FOUND"]);
    const seen = await hub.query<{ project: { id: string } }>(`query ($id: ID!) { project(id: $id) { id } }`, { id: ids.A }, keys.limited);
    expect(seen.data!.project.id).toBe(ids.A);
    const paris = await hub.query<{ territory: { projects: { totalCount: number; edges: unknown[] } } }>(
      `{ territory(id: "COMMUNE:75056") { projects { totalCount edges { cursor } } } }`,
      {},
      keys.limited,
    );
    expect(paris.data!.territory.projects).toEqual({ totalCount: 0, edges: [] });
    const journal = await hub.query<{ activities: { edges: { node: { project: { id: string } } }[] } }>(`{ activities(first: 500) { edges { node { project { id } } } } }`, {}, keys.limited);
    expect(journal.errors).toBeUndefined();
    expect(new Set(names(journal.data!.activities.edges.map((e) => e.node.project.id)))).toEqual(new Set(["A", "D"]));
  });

  it("over WebSocket, the same list, and live events (replayed from the start) of its projects only", async () => {
    const listed = await wsOperation(hub.gatewayUrl, LIST, {}, keys.limited);
    expect(names((listed.results[0].data as List).projects.edges.map((e) => e.node.id))).toEqual(["A", "D"]);
    const inScope = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM activity WHERE project_id = ANY($1::uuid[])", [[ids.A, ids.D]]);
    const all = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM activity");
    expect(all[0].n).toBeGreaterThan(inScope[0].n);
    const live = await wsOperation(hub.gatewayUrl, `subscription { projectActivity(after: "0") { id project { id } } }`, {}, keys.limited, inScope[0].n);
    expect(live.errors).toBeNull();
    const events = live.results.map((r) => (r.data as { projectActivity: { project: { id: string } } }).projectActivity.project.id);
    expect(events).toHaveLength(inScope[0].n);
    expect(new Set(names(events))).toEqual(new Set(["A", "D"]));
  });

  it("figures: portfolio, Territory.stats and the CSV export count only the projects within the limits", async () => {
    const FIGURES = `{ portfolio { projectCount } territory(id: "REGION:84") { stats { projectCount } } series: portfolioSeries { points { created } } }`;
    type Figures = { portfolio: { projectCount: number }; territory: { stats: { projectCount: number } }; series: { points: { created: number }[] } };
    const figures = async (key: string) => {
      const response = await hub.query<Figures>(FIGURES, {}, key);
      expect(response.errors).toBeUndefined();
      const data = response.data!;
      return { france: data.portfolio.projectCount, region84: data.territory.stats.projectCount, created: data.series.points.reduce((n, p) => n + p.created, 0) };
    };
    expect(await figures(keys.limited)).toEqual({ france: 2, region84: 2, created: 2 });
    expect(await figures(keys.departement)).toEqual({ france: 2, region84: 2, created: 2 });
    expect(await figures(keys.unlimited)).toEqual({ france: 4, region84: 3, created: 4 });

    const csv = async (key: string) => {
      const response = await fetch(`${hub.origin}/exports/projects.csv`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      return (await response.text()).split("\n").filter((line) => line.trim() !== "").length - 1;
    };
    expect(await csv(keys.limited)).toBe(2);
    expect(await csv(keys.unlimited)).toBe(4);
  });

  it("limits are checked at creation: bad values are BAD_USER_INPUT, and only ANCT national agents create keys", async () => {
    const nadia = await hub.token(NADIA);
    const create = (input: Record<string, unknown>, token = nadia) => hub.query(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input }, token).then(codes);
    expect(await create({ name: "x", scopes: ["projects:read"], territoryIds: ["REGION:99"] })).toEqual(["BAD_USER_INPUT"]);
    expect(await create({ name: "x", scopes: ["projects:read"], territoryIds: ["Auvergne"] })).toEqual(["BAD_USER_INPUT"]);
    expect(await create({ name: "x", scopes: ["projects:read"], programmes: [""] })).toEqual(["BAD_USER_INPUT"]);
    expect(await create({ name: "x", scopes: ["projects:read"], programmes: ["p".repeat(81)] })).toEqual(["BAD_USER_INPUT"]);
    expect(await create({ name: "x", scopes: ["projects:read"], territoryIds: ["REGION:84"] }, keys.unlimited)).toEqual(["FORBIDDEN"]);
    const listed = await hub.query<{ apiKeys: { totalCount: number; edges: { node: { name: string; programmes: string[]; territoryIds: string[] } }[] } }>(
      `{ apiKeys(first: 10) { totalCount edges { node { name programmes territoryIds } } } }`,
      {},
      nadia,
    );
    expect(listed.data!.apiKeys.totalCount).toBe(3);
    expect(listed.data!.apiKeys.edges.map((e) => e.node)).toContainEqual({ name: "Villages d'avenir en Auvergne-Rhône-Alpes", programmes: ["Villages d'avenir"], territoryIds: ["REGION:84"] });
  });
});
