import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";
import { projectSteps, rollups, rollupsFromFacts, statusCountsInProjects } from "./support/projects";

const PORTFOLIO = `query($f: PortfolioFilter) { portfolio(filter: $f) { currentAt projectCount byStatus { status count } } }`;
type Figures = { currentAt: string; projectCount: number; byStatus: { status: string; count: number }[] };

describe("reporting consumes the activity journal in the background", () => {
  let hub: Hub;
  let camille: string;
  let julien: string;
  let steps: ReturnType<typeof projectSteps>;
  beforeAll(async () => {
    hub = await startHub();
    camille = await hub.token(CAMILLE);
    julien = await hub.token(JULIEN);
    steps = projectSteps(hub);
  });
  afterAll(() => hub.stop());

  const portfolio = async (token: string, filter: Record<string, unknown> = {}) => {
    const response = await hub.query<{ portfolio: Figures }>(PORTFOLIO, { f: filter }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.portfolio;
  };
  const submitted = async (title: string) => {
    const id = await steps.create(camille, { title, themes: ["eau"] });
    await steps.step(camille, id, "SUBMIT");
    return id;
  };

  it("projects each activity once and says up to which activity it is current", async () => {
    expect(await portfolio(julien)).toEqual({ currentAt: "0", projectCount: 0, byStatus: [] });
    for (const title of ["Station d'épuration", "Réseau d'eau potable", "Captage"]) await submitted(title);
    await steps.create(camille, { title: "Projet encore secret" });
    const latest = await hub.reportingCaughtUp();
    expect(await portfolio(julien, { territoryId: "DEPARTEMENT:63" })).toEqual({ currentAt: latest, projectCount: 3, byStatus: [{ status: "SUBMITTED", count: 3 }] });
    // Read again: nothing counted twice.
    expect(await portfolio(julien)).toEqual({ currentAt: latest, projectCount: 3, byStatus: [{ status: "SUBMITTED", count: 3 }] });
    expect(await portfolio(julien, { territoryId: "REGION:11" })).toEqual({ currentAt: latest, projectCount: 0, byStatus: [] });
    const [{ facts }] = await hub.sql<{ facts: number }>("reporting", "SELECT count(*)::int AS facts FROM project_fact");
    expect(facts).toBe(4);
  });

  it("catches up at start with what happened while it was down", async () => {
    await hub.stopSubgraph("reporting");
    await submitted("Fontaine");
    await submitted("Lavoir");
    await hub.startSubgraph("reporting");
    const latest = await hub.reportingCaughtUp();
    expect(await portfolio(julien)).toEqual({ currentAt: latest, projectCount: 5, byStatus: [{ status: "SUBMITTED", count: 5 }] });
  });

  it("changes nothing when activities are delivered again (an offset moved back)", async () => {
    const before = await rollups(hub);
    await hub.sql("reporting", "UPDATE journal_offset SET last_id = 2");
    await hub.reportingCaughtUp();
    expect(await rollups(hub)).toEqual(before);
    expect(await rollups(hub)).toEqual(await rollupsFromFacts(hub));
  });

  it("rebuilds the read model from zero for the ANCT national only, to the same figures", async () => {
    expect(codes(await hub.query(`mutation { rebuildPortfolio }`, {}, camille))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(`mutation { rebuildPortfolio }`, {}, julien))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(`mutation { rebuildPortfolio }`))).toEqual(["UNAUTHENTICATED"]);
    const before = { rollups: await rollups(hub), facts: await hub.sql("reporting", "SELECT * FROM project_fact ORDER BY project_id") };
    const nadia = await hub.token(NADIA);
    expect(await hub.query(`mutation { rebuildPortfolio }`, {}, nadia)).toEqual({ status: 200, data: { rebuildPortfolio: "0" } });
    const latest = await hub.reportingCaughtUp();
    expect({ rollups: await rollups(hub), facts: await hub.sql("reporting", "SELECT * FROM project_fact ORDER BY project_id") }).toEqual(before);
    expect((await portfolio(julien)).currentAt).toBe(latest);
  });

  it("serves the last projection, and how current it is, while the projects subgraph is down", async () => {
    const latest = await hub.reportingCaughtUp();
    await hub.stopSubgraph("projects");
    try {
      expect(await portfolio(julien, { territoryId: "COMMUNE:63113" })).toEqual({ currentAt: latest, projectCount: 5, byStatus: [{ status: "SUBMITTED", count: 5 }] });
    } finally {
      await hub.startSubgraph("projects");
    }
  });
});

describe("reporting stopped in the middle of the journal", () => {
  let hub: Hub;
  // One activity per page, so that a stop falls between two pages of the journal.
  beforeAll(async () => {
    hub = await startHub({ reportingJournalPage: 1 });
  });
  afterAll(() => hub.stop());

  it("resumes where it stopped and counts every activity exactly once", async () => {
    const steps = projectSteps(hub);
    const camille = await hub.token(CAMILLE);
    const julien = await hub.token(JULIEN);
    await hub.stopSubgraph("reporting");
    for (let i = 0; i < 8; i++) {
      const id = await steps.create(camille, { title: `Projet ${i}`, themes: i % 2 ? ["eau"] : ["eau", "energies-dechets"], programmes: ["CRTE"] });
      await steps.step(camille, id, "SUBMIT");
      if (i < 3) await steps.step(julien, id, "QUALIFY", { priority: "NORMAL" });
    }
    const [{ latest }] = await hub.sql<{ latest: string }>("projects", "SELECT max(id)::text AS latest FROM activity");
    await hub.startSubgraph("reporting");
    // Wait for the consumer to be inside the journal, then stop it there: stopping lets the
    // page being written finish (one activity), so it stops before the end.
    let seen = 0n;
    while (seen === 0n) {
      const rows = await hub.sql<{ offset: string }>("reporting", "SELECT last_id::text AS offset FROM journal_offset");
      seen = BigInt(rows.at(0)?.offset ?? "0");
      if (seen === 0n) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await hub.stopSubgraph("reporting");
    expect(seen + 1n).toBeLessThan(BigInt(latest));
    await hub.startSubgraph("reporting");
    expect(await hub.reportingCaughtUp()).toBe(latest);
    const response = await hub.query<{ portfolio: Figures }>(PORTFOLIO, { f: {} }, julien);
    expect(response.data!.portfolio).toEqual({ currentAt: latest, projectCount: 8, byStatus: await statusCountsInProjects(hub) });
    expect(response.data!.portfolio.byStatus).toEqual([
      { status: "SUBMITTED", count: 5 },
      { status: "QUALIFIED", count: 3 },
    ]);
    expect(await rollups(hub)).toEqual(await rollupsFromFacts(hub));
  });
});

describe("reporting woken by the projects subgraph's live activity", () => {
  let hub: Hub;
  // A poll too rare to matter: only the live wake-up brings new activities in.
  beforeAll(async () => {
    hub = await startHub({ reportingPollMs: 600_000 });
  });
  afterAll(() => hub.stop());

  it("projects a change soon after it, without a poll", async () => {
    const steps = projectSteps(hub);
    const camille = await hub.token(CAMILLE);
    const julien = await hub.token(JULIEN);
    const id = await steps.create(camille, { title: "Fontaine", themes: ["eau"] });
    await steps.step(camille, id, "SUBMIT");
    const latest = await hub.reportingCaughtUp();
    const response = await hub.query<{ portfolio: Figures }>(PORTFOLIO, { f: {} }, julien);
    expect(response.data!.portfolio).toEqual({ currentAt: latest, projectCount: 1, byStatus: [{ status: "SUBMITTED", count: 1 }] });
  });

  it("is woken again once the projects subgraph is back after a restart", async () => {
    const steps = projectSteps(hub);
    const camille = await hub.token(CAMILLE);
    await hub.restartProjects();
    const id = await steps.create(camille, { title: "Lavoir", themes: ["eau"] });
    await steps.step(camille, id, "SUBMIT");
    await hub.reportingCaughtUp();
  });
});
