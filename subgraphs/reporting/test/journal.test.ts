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
    const summaries = () => hub.sql("reporting", "SELECT territory_id, figures FROM portfolio_summary ORDER BY territory_id");
    const before = { rollups: await rollups(hub), facts: await hub.sql("reporting", "SELECT * FROM project_fact ORDER BY project_id"), summaries: await summaries() };
    expect(before.summaries.length).toBeGreaterThan(3);
    const nadia = await hub.token(NADIA);
    expect(await hub.query(`mutation { rebuildPortfolio }`, {}, nadia)).toEqual({ status: 200, data: { rebuildPortfolio: "0" } });
    const latest = await hub.reportingCaughtUp();
    expect({ rollups: await rollups(hub), facts: await hub.sql("reporting", "SELECT * FROM project_fact ORDER BY project_id"), summaries: await summaries() }).toEqual(before);
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
  // Batches of two activities read one per page (read-ahead between batches), so that a stop falls between two batches of the journal.
  beforeAll(async () => {
    hub = await startHub({ reportingJournalPage: 1, reportingJournalBatch: 2 });
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
    // batch being written finish (two activities), so it stops before the end.
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

describe("reporting crashing in the middle of a batch", () => {
  let hub: Hub;
  // Batches of six activities, read as pages of two.
  beforeAll(async () => {
    hub = await startHub({ reportingJournalPage: 2, reportingJournalBatch: 6 });
  });
  afterAll(() => hub.stop());

  it("loses the whole batch, then applies it once: nothing lost, nothing counted twice", async () => {
    const steps = projectSteps(hub);
    const camille = await hub.token(CAMILLE);
    const julien = await hub.token(JULIEN);
    // Once a first batch is stored, every write of the rollups fails, after the batch's facts were
    // written in the same transaction: a crash in the middle of the second batch, at each attempt
    // (set up while reporting runs: its database is reached through it).
    await hub.sql("reporting", "CREATE TABLE crash_switch (on_purpose boolean)");
    await hub.sql("reporting", "INSERT INTO crash_switch VALUES (true)");
    await hub.sql(
      "reporting",
      `CREATE FUNCTION crash_mid_batch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF EXISTS (SELECT 1 FROM crash_switch) AND (SELECT last_id FROM journal_offset) > 0 THEN RAISE EXCEPTION 'crash in the middle of a batch'; END IF;
         RETURN NULL; END $$`,
    );
    await hub.sql("reporting", "CREATE TRIGGER crash_mid_batch BEFORE INSERT OR UPDATE ON portfolio_rollup FOR EACH STATEMENT EXECUTE FUNCTION crash_mid_batch()");
    await hub.stopSubgraph("reporting");
    for (let i = 0; i < 6; i++) await steps.step(camille, await steps.create(camille, { title: `Projet ${i}`, themes: ["eau"] }), "SUBMIT");
    const ids = (await hub.sql<{ id: string }>("projects", "SELECT id::text AS id FROM activity ORDER BY activity.id")).map((r) => r.id);
    expect(ids).toHaveLength(12);
    await hub.startSubgraph("reporting");
    const state = async () => ({
      offset: (await hub.sql<{ offset: string }>("reporting", "SELECT last_id::text AS offset FROM journal_offset")).at(0)?.offset ?? "0",
      facts: (await hub.sql<{ n: number }>("reporting", "SELECT count(*)::int AS n FROM project_fact"))[0].n,
    });
    for (let waited = 0; (await state()).offset !== ids[5]; waited += 20) {
      if (waited > 15_000) throw new Error(`the first batch was never stored: ${JSON.stringify(await state())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The consumer tries the second batch again at each poll (50 ms) and crashes each time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await state()).toEqual({ offset: ids[5], facts: 3 });
    expect(await rollups(hub)).toEqual(await rollupsFromFacts(hub));
    await hub.sql("reporting", "DELETE FROM crash_switch");
    expect(await hub.reportingCaughtUp()).toBe(ids[11]);
    expect(await state()).toEqual({ offset: ids[11], facts: 6 });
    const response = await hub.query<{ portfolio: Figures }>(PORTFOLIO, { f: {} }, julien);
    expect(response.data!.portfolio).toEqual({ currentAt: ids[11], projectCount: 6, byStatus: [{ status: "SUBMITTED", count: 6 }] });
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
