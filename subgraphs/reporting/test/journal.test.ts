import { CAMILLE, startHub, type Hub } from "../../../gateway/test/support/hub";

const PORTFOLIO = `query($t: ID!) { portfolio(territoryId: $t) { projectCount byStatus { status count } } }`;

describe("reporting projects the activity journal", () => {
  let hub: Hub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());

  const create = async (title: string) => {
    const response = await hub.query(`mutation($i: CreateProjectInput!) { createProject(input: $i) { title } }`, { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"] } }, token);
    expect(response).toEqual({ status: 200, data: { createProject: { title } } });
  };
  const count = async (territoryId: string) => {
    const response = await hub.query<{ portfolio: { projectCount: number } }>(PORTFOLIO, { t: territoryId }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.portfolio.projectCount;
  };

  it("counts each project once, however often it reads, and stores its offset with the projections", async () => {
    expect(await count("DEPARTEMENT:63")).toBe(0);
    await create("Station d'épuration");
    await create("Réseau d'eau potable");
    await create("Captage");
    expect(await count("DEPARTEMENT:63")).toBe(3);
    expect(await count("DEPARTEMENT:63")).toBe(3);
    expect(await count("REGION:84")).toBe(3);
    expect(await count("REGION:11")).toBe(0);
    const [{ last }] = await hub.sql<{ last: string }>("projects", "SELECT max(id)::text AS last FROM activity");
    const [{ offset }] = await hub.sql<{ offset: string }>("reporting", "SELECT last_id::text AS offset FROM journal_offset");
    expect(offset).toBe(last);
    const [{ facts }] = await hub.sql<{ facts: number }>("reporting", "SELECT count(*)::int AS facts FROM project_fact");
    expect(facts).toBe(3);
  });

  it("answers concurrent readers consistently while it catches up", async () => {
    for (let i = 0; i < 5; i++) await create(`Fontaine ${i}`);
    const counts = await Promise.all(Array.from({ length: 8 }, () => count("COMMUNE:63113")));
    expect(counts).toEqual(Array(8).fill(8));
  });

  it("serves the last projection when the projects subgraph is down", async () => {
    await hub.subgraphs.projects.stop();
    const response = await hub.query<{ portfolio: { projectCount: number } }>(PORTFOLIO, { t: "COMMUNE:63113" }, token);
    expect(response.errors).toBeUndefined();
    expect(response.data!.portfolio.projectCount).toBe(8);
  });
});
