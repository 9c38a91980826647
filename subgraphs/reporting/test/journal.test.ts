import { CAMILLE, JULIEN, startHub, type Hub } from "@hub/testing";

const PORTFOLIO = `query($t: ID!) { portfolio(territoryId: $t) { projectCount byStatus { status count } } }`;

describe("reporting projects the activity journal", () => {
  let hub: Hub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(CAMILLE);
  });
  afterAll(() => hub.stop());

  /** A draft of Clermont-Ferrand (counted nowhere). */
  const draft = async (title: string) => {
    const response = await hub.query<{ createProject: { id: string; title: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id title } }`,
      { i: { title, territoryId: "COMMUNE:63113", themes: ["eau"] } },
      token,
    );
    expect(response.data?.createProject.title).toBe(title);
    return response.data!.createProject.id;
  };
  /** A submitted project (counted). */
  const create = async (title: string) => {
    const projectId = await draft(title);
    const submitted = await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { status } }`, { i: { projectId, transition: "SUBMIT" } }, token);
    expect(submitted).toEqual({ status: 200, data: { changeProjectStatus: { status: "SUBMITTED" } } });
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

  it("never reveals a draft in statistics, to anyone, its own collectivité included", async () => {
    const julien = await hub.token(JULIEN);
    const stats = (who: string, territoryId: string) =>
      hub.query(
        `query($t: ID!) { portfolio(territoryId: $t) { projectCount byStatus { status count } } territory(id: $t) { stats { projectCount byStatus { status count } } } }`,
        { t: territoryId },
        who,
      );
    const before = await Promise.all([stats(julien, "DEPARTEMENT:63"), stats(token, "COMMUNE:63113")]);
    await draft("Projet encore secret");
    const after = await Promise.all([stats(julien, "DEPARTEMENT:63"), stats(token, "COMMUNE:63113")]);
    expect(after).toEqual(before);
    const counts = { projectCount: 3, byStatus: [{ status: "SUBMITTED", count: 3 }] };
    expect(after[0]).toEqual({ status: 200, data: { portfolio: counts, territory: { stats: counts } } });
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
