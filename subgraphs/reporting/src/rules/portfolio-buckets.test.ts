import { FRANCE, projectApplication, projectFact, type ApplicationFact, type Fact, type JournalEvent, type ProjectSnapshot } from "./fact-projection";
import { BucketTotals, daysBetween, factBuckets, histogramIndex, histogramKey, inactiveBefore, parisDay, parisMonth, rollupDeltas } from "./portfolio-buckets";
import { medianOf, monthsBetween, portfolioFigures, seriesPoints } from "./portfolio-shape";

const snapshot: ProjectSnapshot = {
  id: "p1",
  title: "Station",
  status: "SUBMITTED",
  themes: ["eau"],
  programmes: ["CRTE"],
  phase: "ETUDE",
  budgetEuros: 1000,
  createdAt: "2026-01-05T09:00:00.000Z",
  submittedAt: null,
  ownerId: "COLLECTIVITE:1",
  actorOrganizationIds: [],
  territoryId: "COMMUNE:63113",
  territoryIds: ["COMMUNE:63113", "DEPARTEMENT:63", "REGION:84"],
};
const event = (id: string, at: string, kind: string, extra: Partial<JournalEvent> = {}): JournalEvent => ({ id, at, kind, to: null, payload: null, project: snapshot, ...extra });

describe("projecting activities into facts", () => {
  it("dates each step from the activities and measures from the last submission", () => {
    let fact = projectFact(undefined, event("1", "2026-01-05T09:00:00.000Z", "PROJECT_CREATED"), []);
    expect(fact).toMatchObject({ territoryIds: ["COMMUNE:63113", "DEPARTEMENT:63", "REGION:84", FRANCE], submittedAt: null, lastActivityId: "1" });
    fact = projectFact(fact, event("2", "2026-01-10T09:00:00.000Z", "STATUS_CHANGED", { to: "SUBMITTED" }), []);
    fact = projectFact(fact, event("3", "2026-01-20T09:00:00.000Z", "STATUS_CHANGED", { to: "QUALIFIED" }), []);
    fact = projectFact(fact, event("4", "2026-01-22T09:00:00.000Z", "ASSIGNED", { to: "ASSIGNED" }), []);
    fact = projectFact(fact, event("5", "2026-01-23T09:00:00.000Z", "ASSIGNED", { to: "ASSIGNED" }), []);
    expect(fact).toMatchObject({
      submittedAt: "2026-01-10T09:00:00.000Z",
      qualifiedAt: "2026-01-20T09:00:00.000Z",
      assignedAt: "2026-01-22T09:00:00.000Z",
      lastActivityAt: "2026-01-23T09:00:00.000Z",
    });
    const again = projectFact(fact, event("6", "2026-02-01T09:00:00.000Z", "STATUS_CHANGED", { to: "SUBMITTED" }), []);
    expect(again).toMatchObject({ submittedAt: "2026-02-01T09:00:00.000Z", qualifiedAt: null, assignedAt: null });
  });

  it("does not count reminders and the inactive flag as activity", () => {
    let fact = projectFact(undefined, event("1", "2026-01-05T09:00:00.000Z", "PROJECT_CREATED"), []);
    fact = projectFact(fact, event("2", "2026-03-01T09:00:00.000Z", "REMINDER_DUE"), []);
    fact = projectFact(fact, event("3", "2027-01-06T09:00:00.000Z", "PROJECT_INACTIVE"), []);
    expect(fact).toMatchObject({ lastActivityAt: "2026-01-05T09:00:00.000Z", lastActivityId: "3" });
    fact = projectFact(fact, event("4", "2027-02-01T09:00:00.000Z", "COMMENT_ADDED"), []);
    expect(fact).toMatchObject({ lastActivityAt: "2027-02-01T09:00:00.000Z", lastActivityId: "4" });
  });

  it("ignores an activity it already has", () => {
    const fact = projectFact(undefined, event("7", "2026-01-05T09:00:00.000Z", "PROJECT_CREATED"), []);
    expect(projectFact(fact, event("7", "2026-03-05T09:00:00.000Z", "STATUS_CHANGED", { to: "SUBMITTED" }), [])).toBe(fact);
    expect(projectFact(fact, event("10", "2026-03-05T09:00:00.000Z", "COMMENT_ADDED"), [])).not.toBe(fact);
  });

  it("sums a project's applications: requested once sent, granted once accepted", () => {
    const payload = (status: string, amountGranted: number | null) => ({ applicationId: "a1", procedure: "DETR", dossierNumber: 12, status, amountRequested: 500, amountGranted });
    const applications: ApplicationFact[] = [];
    let fact: Fact | undefined;
    for (const [id, status, granted] of [
      ["1", "BROUILLON", null],
      ["2", "EN_INSTRUCTION", null],
      ["3", "ACCEPTE", 400],
    ] as const) {
      const e = event(id, `2026-02-0${id}T09:00:00.000Z`, "FUNDING_APPLICATION", { payload: payload(status, granted) });
      const application = projectApplication(applications[0], e)!;
      applications[0] = application;
      fact = projectFact(fact, e, applications);
      if (status === "BROUILLON") expect(fact).toMatchObject({ amountRequested: 0, amountGranted: 0, fundingDecidedAt: null });
    }
    expect(applications[0]).toMatchObject({ dossierNumber: "12", status: "ACCEPTE", decidedAt: "2026-02-03T09:00:00.000Z" });
    expect(fact).toMatchObject({ amountRequested: 500, amountGranted: 400, fundingDecidedAt: "2026-02-03T09:00:00.000Z" });
  });
});

describe("rollups", () => {
  const base = projectFact(undefined, event("1", "2026-01-05T09:00:00.000Z", "PROJECT_CREATED"), []);

  it("moves a fact from its old buckets to its new ones in every territory of its chain", () => {
    const qualified = { ...base, status: "QUALIFIED", lastActivityId: "2" };
    const deltas = rollupDeltas([{ before: base, after: qualified }]).filter((d) => d.dimension === "status");
    expect(deltas).toHaveLength(8);
    expect(deltas.filter((d) => d.territoryId === FRANCE)).toEqual([
      { territoryId: FRANCE, dimension: "status", key: "SUBMITTED", count: -1, budget: -1000, amountRequested: 0, amountGranted: 0 },
      { territoryId: FRANCE, dimension: "status", key: "QUALIFIED", count: 1, budget: 1000, amountRequested: 0, amountGranted: 0 },
    ]);
    // Unchanged buckets cancel out.
    expect(rollupDeltas([{ before: base, after: qualified }]).some((d) => d.dimension === "theme")).toBe(false);
  });

  it("keeps drafts out, and takes a project out when it goes back to draft", () => {
    const draft = { ...base, status: "DRAFT" };
    expect(rollupDeltas([{ before: undefined, after: draft }])).toEqual([]);
    expect(rollupDeltas([{ before: base, after: draft }]).every((d) => d.count <= 0)).toBe(true);
  });

  it("counts open projects by their last activity day, not the finished ones", () => {
    expect(factBuckets(base).find((b) => b.dimension === "last_activity_day")?.key).toBe("2026-01-05");
    expect(factBuckets({ ...base, status: "COMPLETED" }).some((b) => b.dimension === "last_activity_day")).toBe(false);
    expect(inactiveBefore(new Date("2026-04-10T12:00:00Z"))).toBe("2026-01-10");
    // 22:30 UTC on 9 April is already 10 April in Paris.
    expect(inactiveBefore(new Date("2026-04-09T22:30:00Z"))).toBe("2026-01-10");
    expect(daysBetween("2026-01-10T09:00:00Z", "2026-01-20T08:59:00Z")).toBe(9);
    expect(daysBetween(null, "2026-01-20T08:59:00Z")).toBeNull();
  });

  it("dates buckets in Paris, summer and winter time", () => {
    expect(parisDay("2026-03-31T21:30:00Z")).toBe("2026-03-31");
    expect(parisMonth("2026-03-31T22:30:00Z")).toBe("2026-04");
    expect(parisMonth("2025-12-31T22:59:00Z")).toBe("2025-12");
    expect(parisMonth("2025-12-31T23:00:00Z")).toBe("2026-01");
    const buckets = factBuckets({ ...base, createdAt: "2026-03-31T22:30:00Z", lastActivityAt: "2025-12-31T23:30:00Z" });
    expect(buckets.find((b) => b.dimension === "created_month")?.key).toBe("2026-04");
    expect(buckets.find((b) => b.dimension === "last_activity_day")?.key).toBe("2026-01-01");
  });

  it("stores the day dimensions at subscripts: whole days of a delay, days since 1970 for a day", () => {
    expect(histogramIndex("days_to_assignment", "12")).toBe(12);
    expect(histogramIndex("last_activity_day", "1970-01-02")).toBe(1);
    expect(histogramIndex("last_activity_day", "2026-01-05")).toBe(20458);
    for (const [dimension, key] of [
      ["days_to_qualification", "0"],
      ["days_to_funding_decision", "731"],
      ["last_activity_day", "2024-02-29"],
    ]) {
      expect(histogramKey(dimension, histogramIndex(dimension, key))).toBe(key);
    }
  });
});

describe("figures", () => {
  const histogram = (...days: number[]) => {
    const totals = new BucketTotals();
    for (const d of days) totals.add({ dimension: "days_to_qualification", key: String(d), count: 1, budget: 0, amountRequested: 0, amountGranted: 0 });
    return totals.of("days_to_qualification");
  };

  it.each([
    [[], null],
    [[5], 5],
    [[4, 10], 7],
    [[1, 1, 30], 1],
    [[2, 3, 3, 40], 3],
    [[10, 2, 7, 7, 1, 9], 7],
  ])("median of %j is %p", (days, median) => {
    expect(medianOf(histogram(...days))).toBe(median);
  });

  it("orders buckets by count then key, and fills a series' missing months", () => {
    const totals = new BucketTotals();
    const one = { count: 1, budget: 10, amountRequested: 0, amountGranted: 0 };
    for (const [dimension, key] of [
      ["status", "SUBMITTED"],
      ["status", "QUALIFIED"],
      ["status", "QUALIFIED"],
      ["all", ""],
      ["created_month", "2025-11"],
      ["created_month", "2026-02"],
    ]) {
      totals.add({ dimension, key, ...one });
    }
    expect(portfolioFigures(totals, "9", 0).byStatus).toEqual([
      { status: "QUALIFIED", count: 2 },
      { status: "SUBMITTED", count: 1 },
    ]);
    expect(seriesPoints(totals, { from: null, to: null }).map((p) => [p.period, p.created])).toEqual([
      ["2025-11", 1],
      ["2025-12", 0],
      ["2026-01", 0],
      ["2026-02", 1],
    ]);
    expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
  });
});
