import { CAMILLE, codes, JULIEN, startHub, type Hub } from "@hub/testing";
import { projectSteps } from "./support/projects";

const LOUIS = "louis.moreau@anct.demo";
const FIGURES = `currentAt projectCount byStatus { status count }
  byTheme { key count budget amountRequested amountGranted } byProgramme { key count } byPhase { key count }
  amounts { budget amountRequested amountGranted } medianDays { toQualification toAssignment toFundingDecision } inactiveProjectCount`;
const PORTFOLIO = `query($f: PortfolioFilter) { portfolio(filter: $f) { ${FIGURES} } }`;
const SERIES = `query($f: PortfolioFilter) { portfolioSeries(filter: $f, interval: MONTH) { currentAt interval points { period created submitted qualified assigned fundingDecided amountGranted } } }`;
const thisMonth = new Date().toISOString().slice(0, 7);

/**
 * Three projects of Clermont-Ferrand, the third also on Abrest (Allier), and a draft:
 * - P1 (eau, CRTE, ETUDE, 100 000 €): created 5 Jan 2026, submitted 10 Jan, qualified 20 Jan,
 *   assigned 22 Jan, a dossier sent (40 000 € requested) then accepted on 19 Feb (30 000 €);
 * - P2 (eau + energies-dechets, Villages d'avenir, OPERATION, 50 000 €): created 2 Mar 2026 at
 *   00:30 in Paris (1 Mar, 23:30 UTC),
 *   submitted 3 Mar, qualified 7 Mar, a dossier en construction (20 000 € requested) on 10 Mar;
 * - P3 (mobilite-transports, CRTE, IDEE, no budget), submitted today;
 * - P4, a draft (eau), today.
 * P1 and P2 have had no activity for more than 90 days. Reporting is stopped while the
 * journal is written and dated, then started: it catches up from the journal alone.
 */
describe("portfolio: rollups, drafts, filters and series", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let latest: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, louis: LOUIS })) t[name] = await hub.token(email);
    const steps = projectSteps(hub);
    const julienId = await steps.personId(JULIEN);
    await hub.stopSubgraph("reporting");
    const p1 = await steps.create(t.camille, { title: "Station d'épuration", themes: ["eau"], programmes: ["CRTE"], phase: "ETUDE", budgetEuros: 100000 });
    await steps.step(t.camille, p1, "SUBMIT");
    await steps.step(t.julien, p1, "QUALIFY", { priority: "HIGH" });
    await steps.step(t.julien, p1, "ASSIGN", { assignees: [{ personId: julienId }] });
    const application = { applicationId: "app-1", procedure: "FONDS_VERT", dossierNumber: "101", amountRequested: 40000, amountGranted: null };
    await steps.funding(p1, "funding:app-1:1", { ...application, status: "EN_INSTRUCTION" });
    await steps.funding(p1, "funding:app-1:2", { ...application, status: "ACCEPTE", amountGranted: 30000 });
    const p2 = await steps.create(t.camille, { title: "Chaufferie bois", themes: ["eau", "energies-dechets"], programmes: ["Villages d'avenir"], phase: "OPERATION", budgetEuros: 50000 });
    await steps.step(t.camille, p2, "SUBMIT");
    await steps.step(t.julien, p2, "QUALIFY", { priority: "NORMAL" });
    await steps.funding(p2, "funding:app-2:1", { applicationId: "app-2", procedure: "DETR", dossierNumber: "202", status: "EN_CONSTRUCTION", amountRequested: 20000, amountGranted: null });
    const p3 = await steps.create(t.camille, { title: "Voie verte", themes: ["mobilite-transports"], programmes: ["CRTE"], communeIds: ["COMMUNE:03190"] });
    await steps.step(t.camille, p3, "SUBMIT");
    await steps.create(t.camille, { title: "Projet encore secret", themes: ["eau"] });
    // Date the steps of P1 and P2 in the past, in the journal and on the projects.
    const dates: Record<string, string[]> = {
      [p1]: ["2026-01-05", "2026-01-10", "2026-01-20", "2026-01-22", "2026-02-01", "2026-02-19"],
      [p2]: ["2026-03-02", "2026-03-03", "2026-03-07", "2026-03-10"],
    };
    for (const [projectId, days] of Object.entries(dates)) {
      const activities = await hub.sql<{ id: string }>("projects", "SELECT a.id::text AS id FROM activity a WHERE a.project_id = $1 ORDER BY a.id", [projectId]);
      expect(activities).toHaveLength(days.length);
      for (const [i, { id }] of activities.entries()) await hub.sql("projects", "UPDATE activity SET at = $2::date + time '09:00' WHERE id = $1", [id, days[i]]);
      await hub.sql("projects", "UPDATE project SET created_at = $2::date + time '09:00' WHERE id = $1", [projectId, days[0]]);
    }
    // P2 was created at 00:30 in Paris on 2 March: still 1 March in UTC (a day boundary for from/to).
    const [created] = await hub.sql<{ id: string }>("projects", "SELECT min(id)::text AS id FROM activity WHERE project_id = $1", [p2]);
    await hub.sql("projects", "UPDATE activity SET at = '2026-03-01T23:30:00Z' WHERE id = $1", [created.id]);
    await hub.sql("projects", "UPDATE project SET created_at = '2026-03-01T23:30:00Z' WHERE id = $1", [p2]);
    await hub.startSubgraph("reporting");
    latest = await hub.reportingCaughtUp();
  });
  afterAll(() => hub.stop());

  const portfolio = async (who: string, filter: Record<string, unknown> = {}) => {
    const response = await hub.query<{ portfolio: Record<string, unknown> }>(PORTFOLIO, { f: filter }, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!.portfolio;
  };

  const submittedThree = () => ({
    currentAt: latest,
    projectCount: 3,
    byStatus: [
      { status: "ASSIGNED", count: 1 },
      { status: "QUALIFIED", count: 1 },
      { status: "SUBMITTED", count: 1 },
    ],
    byTheme: [
      { key: "eau", count: 2, budget: 150000, amountRequested: 60000, amountGranted: 30000 },
      { key: "energies-dechets", count: 1, budget: 50000, amountRequested: 20000, amountGranted: 0 },
      { key: "mobilite-transports", count: 1, budget: 0, amountRequested: 0, amountGranted: 0 },
    ],
    byProgramme: [
      { key: "CRTE", count: 2 },
      { key: "Villages d'avenir", count: 1 },
    ],
    byPhase: [
      { key: "ETUDE", count: 1 },
      { key: "IDEE", count: 1 },
      { key: "OPERATION", count: 1 },
    ],
    amounts: { budget: 150000, amountRequested: 60000, amountGranted: 30000 },
    medianDays: { toQualification: 7, toAssignment: 12, toFundingDecision: 40 },
    inactiveProjectCount: 2,
  });

  it.each([
    ["FRANCE (no territory)", {}],
    ["the commune", { territoryId: "COMMUNE:63113" }],
    ["the région", { territoryId: "REGION:84" }],
  ])("rolls up every dimension for %s", async (_, filter) => {
    expect(await portfolio("julien", filter)).toEqual(submittedThree());
    expect(await portfolio("louis", filter)).toEqual(submittedThree());
  });

  it("keeps the day histograms in one row per territory and dimension, days as subscripts", async () => {
    const rows = await hub.sql<{ dimension: string; first: number; counts: (number | null)[] }>(
      "reporting",
      "SELECT dimension, array_lower(counts, 1) AS first, counts[array_lower(counts, 1):] AS counts FROM portfolio_histogram WHERE territory_id = 'COMMUNE:63113' ORDER BY dimension",
    );
    const days = Object.fromEntries(rows.map((r) => [r.dimension, r.counts.flatMap((count, i) => (count ? [[r.first + i, count]] : []))]));
    // P2 qualified 4 days after its submission, P1 10 days after; P1 assigned after 12 days, its funding decided after 40.
    expect(days).toMatchObject({
      days_to_qualification: [
        [4, 1],
        [10, 1],
      ],
      days_to_assignment: [[12, 1]],
      days_to_funding_decision: [[40, 1]],
    });
    // Open projects by the day (since 1970-01-01) of their last activity: P1 on 19 Feb, P2 on 10 Mar, P3 today.
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(days.last_activity_day).toEqual([
      [day("2026-02-19"), 1],
      [day("2026-03-10"), 1],
      [day(new Date().toISOString().slice(0, 10)), 1],
    ]);
    const perDay = await hub.sql("reporting", "SELECT 1 FROM portfolio_rollup WHERE dimension LIKE 'days_to_%' OR dimension = 'last_activity_day'");
    expect(perDay).toEqual([]);
  });

  it("counts a project on several communes in each of their territories, once", async () => {
    const allier = await portfolio("julien", { territoryId: "DEPARTEMENT:03" });
    expect(allier).toMatchObject({ projectCount: 1, byStatus: [{ status: "SUBMITTED", count: 1 }], byTheme: [{ key: "mobilite-transports", count: 1 }], inactiveProjectCount: 0 });
    expect(allier.medianDays).toEqual({ toQualification: null, toAssignment: null, toFundingDecision: null });
    expect(await portfolio("julien", { territoryId: "COMMUNE:03190" })).toMatchObject({ projectCount: 1 });
    expect(await portfolio("julien", { territoryId: "REGION:11" })).toMatchObject({ projectCount: 0, byStatus: [], byTheme: [], amounts: { budget: 0, amountRequested: 0, amountGranted: 0 } });
  });

  it("counts drafts only for the organisation that owns them", async () => {
    const camille = await portfolio("camille", { territoryId: "COMMUNE:63113" });
    expect(camille).toMatchObject({ projectCount: 4, inactiveProjectCount: 2 });
    expect(camille.byStatus).toEqual([
      { status: "ASSIGNED", count: 1 },
      { status: "DRAFT", count: 1 },
      { status: "QUALIFIED", count: 1 },
      { status: "SUBMITTED", count: 1 },
    ]);
    expect(camille.byTheme).toContainEqual({ key: "eau", count: 3, budget: 150000, amountRequested: 60000, amountGranted: 30000 });
    expect(await portfolio("camille")).toMatchObject({ projectCount: 4 });
    expect(await portfolio("camille", { status: "DRAFT" })).toMatchObject({ projectCount: 1, byStatus: [{ status: "DRAFT", count: 1 }] });
    expect(await portfolio("julien", { status: "DRAFT" })).toMatchObject({ projectCount: 0, byStatus: [] });
    const stats = await hub.query(`{ territory(id: "COMMUNE:63113") { stats { projectCount currentAt } } }`, {}, t.julien);
    expect(stats).toEqual({ status: 200, data: { territory: { stats: { projectCount: 3, currentAt: latest } } } });
    const own = await hub.query(`{ territory(id: "COMMUNE:63113") { stats { projectCount } } }`, {}, t.camille);
    expect(own).toEqual({ status: 200, data: { territory: { stats: { projectCount: 4 } } } });
  });

  it("returns the same shape from Territory.stats as from portfolio", async () => {
    const response = await hub.query<{ territory: { stats: unknown } }>(`{ territory(id: "DEPARTEMENT:63") { stats { ${FIGURES} } } }`, {}, t.julien);
    expect(response.data!.territory.stats).toEqual(submittedThree());
  });

  it.each([
    ["theme", { theme: "eau" }, 2, 2],
    ["programme", { programme: "CRTE" }, 2, 1],
    ["status", { status: "QUALIFIED" }, 1, 1],
    ["phase", { phase: "OPERATION" }, 1, 1],
    ["from", { from: "2026-03-01" }, 2, 1],
    ["to", { to: "2026-02-28" }, 1, 1],
    ["from and to", { from: "2026-03-02", to: "2026-03-02" }, 1, 1],
    ["a day in Paris, not in UTC (P2 was created on 1 March UTC, 2 March in Paris)", { from: "2026-03-01", to: "2026-03-01" }, 0, 0],
    ["to the eve of a creation at 00:30 in Paris", { to: "2026-03-01" }, 1, 1],
    ["theme at the département", { theme: "eau", territoryId: "DEPARTEMENT:63" }, 2, 2],
    ["theme elsewhere", { theme: "eau", territoryId: "DEPARTEMENT:03" }, 0, 0],
  ])("filters by %s", async (_, filter, count, inactive) => {
    expect(await portfolio("julien", filter)).toMatchObject({ currentAt: latest, projectCount: count, inactiveProjectCount: inactive });
  });

  it("aggregates a filtered portfolio like the rollups", async () => {
    expect(await portfolio("julien", { from: "2000-01-01" })).toEqual(submittedThree());
  });

  // A date filter that every project passes sends a territory's read to the SQL aggregate:
  // its figures and series must be the rollups' (plus the same drafts), to the cent and the day.
  it.each([
    ["julien", "FRANCE"],
    ["julien", "DEPARTEMENT:63"],
    ["julien", "COMMUNE:03190"],
    ["camille", "COMMUNE:63113"],
    ["louis", "REGION:84"],
  ])("aggregates in SQL for %s at %s the figures and series of the rollups", async (who, territoryId) => {
    const filtered = { territoryId, from: "2000-01-01" };
    expect(await portfolio(who, filtered)).toEqual(await portfolio(who, { territoryId }));
    const series = async (f: Record<string, unknown>) => (await hub.query<{ portfolioSeries: { points: { period: string }[] } }>(SERIES, { f }, t[who])).data!.portfolioSeries.points;
    const rolledUp = await series({ territoryId });
    expect(rolledUp.length).toBeGreaterThan(0);
    // The filtered series starts at its `from` (2000-01): the months before the first with data are zeros.
    expect((await series(filtered)).filter((p) => p.period >= rolledUp[0].period)).toEqual(rolledUp);
  });

  it.each([
    ["a malformed territory", { territoryId: "nowhere" }, "filter.territoryId"],
    ["an unknown status", { status: "FINI" }, "filter.status"],
    ["an unknown phase", { phase: "PLAN" }, "filter.phase"],
    ["a malformed date", { from: "01/02/2026" }, "filter.from"],
    ["dates the wrong way round", { from: "2026-03-01", to: "2026-02-01" }, "filter.to"],
  ])("refuses %s", async (_, filter, field) => {
    const response = await hub.query(PORTFOLIO, { f: filter }, t.julien);
    expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0].extensions!.field).toBe(field);
  });

  it("asks who reads", async () => {
    expect(codes(await hub.query(PORTFOLIO, { f: {} }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("keeps answering the deprecated portfolio(territoryId)", async () => {
    const response = await hub.query(`{ portfolio(territoryId: "COMMUNE:63113") { projectCount byStatus { status count } } }`, {}, t.julien);
    expect(response).toEqual({ status: 200, data: { portfolio: { projectCount: 3, byStatus: submittedThree().byStatus } } });
  });

  it("gives a series month by month, from the first month with data to the last", async () => {
    const response = await hub.query<{ portfolioSeries: { currentAt: string; interval: string; points: Record<string, unknown>[] } }>(SERIES, { f: {} }, t.julien);
    expect(response.errors).toBeUndefined();
    const series = response.data!.portfolioSeries;
    expect(series).toMatchObject({ currentAt: latest, interval: "MONTH" });
    const months = series.points.map((p) => p.period);
    expect(months[0]).toBe("2026-01");
    expect(months.at(-1)).toBe(thisMonth);
    expect(new Set(months).size).toBe(months.length);
    const zero = { created: 0, submitted: 0, qualified: 0, assigned: 0, fundingDecided: 0, amountGranted: 0 };
    expect(series.points.slice(0, 4)).toEqual([
      { period: "2026-01", created: 1, submitted: 1, qualified: 1, assigned: 1, fundingDecided: 0, amountGranted: 0 },
      { period: "2026-02", ...zero, fundingDecided: 1, amountGranted: 30000 },
      { period: "2026-03", ...zero, created: 1, submitted: 1, qualified: 1 },
      ...(thisMonth === "2026-04" ? [] : [{ period: "2026-04", ...zero }]),
    ]);
    expect(series.points.at(-1)).toMatchObject({ period: thisMonth, created: 1, submitted: 1 });
  });

  it("narrows a series by its filter, months within from and to", async () => {
    const response = await hub.query<{ portfolioSeries: { points: Record<string, unknown>[] } }>(SERIES, { f: { theme: "eau", from: "2026-01-01", to: "2026-02-28" } }, t.camille);
    expect(response.data!.portfolioSeries.points).toEqual([
      { period: "2026-01", created: 1, submitted: 1, qualified: 1, assigned: 1, fundingDecided: 0, amountGranted: 0 },
      { period: "2026-02", created: 0, submitted: 0, qualified: 0, assigned: 0, fundingDecided: 1, amountGranted: 30000 },
    ]);
  });
});
