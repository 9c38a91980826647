import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";

const MAP = `query($filter: ProjectFilter) { projectMap(filter: $filter) { totalCount departements { code count departement { id name } } } }`;

type MapData = { projectMap: { totalCount: number; departements: { code: string; count: number; departement: { id: string; name: string } }[] } };
type Counts = Record<string, number>;

/**
 * `projectMap`: per département, how many projects the viewer may see match the list's filter.
 * Checked against SQL written here independently (the visibility rule of each role spelled out)
 * and against `projects(filter: { territoryId })`'s own count.
 */
describe("the map of projects", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let owner = "";

  const create = async (title: string, extra = "") => {
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation($title: String!) { createProject(input: { title: $title, territoryId: "COMMUNE:63113" ${extra} }) { id } }`,
      { title },
      t.camille,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createProject.id;
  };
  const submit = (id: string) => hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id }, t.camille);

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA, louis: LOUIS })) t[name] = await hub.token(email);
    const cycling = await create("Piste cyclable", `, themes: ["mobilite-transports"]`);
    const school = await create("Rénovation de l'école", `, themes: ["energies-dechets"]`);
    await create("Brouillon de médiathèque");
    // Over two départements: a commune of the Allier with one of the Puy-de-Dôme.
    const greenway = await create("Voie verte Allier–Puy-de-Dôme", `, communeIds: ["COMMUNE:03190"], themes: ["mobilite-transports"]`);
    const paris = await create("Square parisien");
    const harbour = await create("Port de plaisance");
    for (const id of [cycling, school, greenway, paris, harbour]) expect((await submit(id)).errors).toBeUndefined();
    // Elsewhere in France (no collectivité there among the test accounts): territories set in SQL.
    await hub.sql("projects", "UPDATE project SET territory_id = 'COMMUNE:75056', territory_ids = ARRAY['COMMUNE:75056', 'DEPARTEMENT:75', 'REGION:11'] WHERE id = $1", [paris]);
    await hub.sql("projects", "UPDATE project SET territory_id = 'COMMUNE:97120', territory_ids = ARRAY['COMMUNE:97120', 'DEPARTEMENT:971', 'REGION:01'] WHERE id = $1", [harbour]);
    owner = (await hub.sql<{ owner_id: string }>("projects", "SELECT owner_id FROM project WHERE id = $1", [cycling]))[0].owner_id;
  });
  afterAll(() => hub.stop());

  const map = async (who: string, filter?: Record<string, unknown>) => {
    const answer = await hub.query<MapData>(MAP, { filter }, t[who]);
    expect(answer.errors).toBeUndefined();
    return answer.data!.projectMap;
  };
  const countsOf = (data: MapData["projectMap"]): Counts => Object.fromEntries(data.departements.map((d) => [d.code, d.count]));

  /** Who sees what, written out as SQL: the collectivité its own (drafts too), national staff every submitted one, a DDT 63 agent those of the Puy-de-Dôme. */
  const SEES: Record<string, (params: unknown[]) => string> = {
    camille: (params) => (params.push(owner), `owner_id = $${params.length}`),
    julien: () => `status <> 'DRAFT' AND 'DEPARTEMENT:63' = ANY(territory_ids)`,
    nadia: () => `status <> 'DRAFT'`,
    louis: () => `status <> 'DRAFT'`,
  };

  /** The truth, in SQL: per département code, and in all. */
  async function truth(who: string, extra = "true", extraParams: unknown[] = []): Promise<{ counts: Counts; total: number }> {
    const params = [...extraParams];
    const where = `${SEES[who](params)} AND ${extra}`;
    const rows = await hub.sql<{ code: string; count: number }>(
      "projects",
      `SELECT substr(d, 13) AS code, count(*)::int AS count FROM project, unnest(territory_ids) d WHERE d LIKE 'DEPARTEMENT:%' AND ${where} GROUP BY 1`,
      params,
    );
    const [{ total }] = await hub.sql<{ total: number }>("projects", `SELECT count(*)::int AS total FROM project WHERE ${where}`, params);
    return { counts: Object.fromEntries(rows.map((r) => [r.code, r.count])), total };
  }

  it.each(["nadia", "louis", "julien", "camille"])("counts per département the projects %s sees, as SQL does", async (who) => {
    const data = await map(who);
    const expected = await truth(who);
    expect(countsOf(data)).toEqual(expected.counts);
    expect(data.totalCount).toBe(expected.total);
    // Sorted by code, each with its département.
    expect(data.departements.map((d) => d.code)).toEqual(Object.keys(expected.counts).sort());
    for (const d of data.departements) expect(d.departement.id).toBe(`DEPARTEMENT:${d.code}`);
  });

  it("gives each viewer its own projects: national staff all submitted ones, a DDT agent its département's, the collectivité its drafts too", async () => {
    expect(countsOf(await map("nadia"))).toEqual({ "03": 1, "63": 3, "75": 1, "971": 1 });
    expect((await map("nadia")).totalCount).toBe(5);
    // The greenway is in the Puy-de-Dôme too: its agent sees it, and in the Allier.
    expect(countsOf(await map("julien"))).toEqual({ "03": 1, "63": 3 });
    expect((await map("julien")).totalCount).toBe(3);
    expect(countsOf(await map("camille"))).toEqual({ "03": 1, "63": 4, "75": 1, "971": 1 });
    expect((await map("camille")).totalCount).toBe(6);
    const names = Object.fromEntries((await map("nadia")).departements.map((d) => [d.code, d.departement.name]));
    expect(names).toEqual({ "03": "Allier", "63": "Puy-de-Dôme", "75": "Paris", "971": "Guadeloupe" });
  });

  it("applies the list's filters (status, theme, territory), as SQL does", async () => {
    const theme = await map("nadia", { theme: "mobilite-transports" });
    expect(countsOf(theme)).toEqual((await truth("nadia", "themes @> ARRAY['mobilite-transports']::text[]")).counts);
    expect(countsOf(theme)).toEqual({ "03": 1, "63": 2 });
    expect(theme.totalCount).toBe(2);
    const drafts = await map("camille", { status: "DRAFT" });
    expect(countsOf(drafts)).toEqual((await truth("camille", "status = 'DRAFT'")).counts);
    expect(countsOf(drafts)).toEqual({ "63": 1 });
    expect(countsOf(await map("julien", { status: "DRAFT" }))).toEqual({});
    expect((await map("julien", { status: "DRAFT" })).totalCount).toBe(0);
    const allier = await map("nadia", { territoryId: "DEPARTEMENT:03" });
    expect(countsOf(allier)).toEqual((await truth("nadia", "'DEPARTEMENT:03' = ANY(territory_ids)")).counts);
    expect(allier.totalCount).toBe(1);
    expect(countsOf(await map("nadia", { search: "square" }))).toEqual({ "75": 1 });
  });

  it.each(["nadia", "julien", "camille"])("agrees with the list: each département's count is projects(filter: { territoryId })'s (as %s)", async (who) => {
    const data = await map(who);
    for (const { code, count } of data.departements) {
      const list = await hub.query<{ projects: { totalCount: number } }>(`query($id: ID!) { projects(first: 1, filter: { territoryId: $id }) { totalCount } }`, { id: `DEPARTEMENT:${code}` }, t[who]);
      expect(list.data!.projects.totalCount).toBe(count);
    }
  });

  it("reads the counts in one SQL statement", async () => {
    const counter = hub.subgraphs.projects.database.statements;
    const before = counter.count;
    await map("julien", { theme: "mobilite-transports", status: "SUBMITTED" });
    expect(counter.count - before).toBe(1);
  });

  it("refuses bad input and anonymous callers with a code", async () => {
    expect(codes(await hub.query(MAP, {}))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.query(MAP, { filter: { territoryId: "nowhere" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(MAP, { filter: { theme: "not-a-theme" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await hub.query(MAP, { filter: { status: "NOPE" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
  });
});
