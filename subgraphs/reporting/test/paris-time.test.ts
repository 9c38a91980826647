import { JULIEN, CAMILLE, startHub, type Hub } from "@hub/testing";
import type { QueryRunner } from "typeorm";
import { ParisTime1768850000000 } from "../src/migrations/1768850000000-paris-time";
import { projectSteps } from "./support/projects";

const PORTFOLIO = `query($f: PortfolioFilter) { portfolio(filter: $f) { projectCount inactiveProjectCount } }`;
const SERIES = `query($f: PortfolioFilter) { portfolioSeries(filter: $f, interval: MONTH) { points { period created submitted } } }`;
const DAY_MS = 86_400_000;

/** Today in Paris, as YYYY-MM-DD. */
const parisToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

/**
 * Four projects of Clermont-Ferrand, created and submitted at instants where Paris and UTC
 * disagree on the day (the journal and the projects dated by hand while reporting is stopped):
 * - P1: created and submitted on 31 March 2026 at 23:30 and 23:45 in Paris (summer time,
 *   21:30 and 21:45 UTC): March;
 * - P2: created and submitted on 1 April 2026 at 00:30 and 00:45 in Paris (31 March, 22:30 and
 *   22:45 UTC): April in Paris, March in UTC;
 * - P3: created and submitted on 1 January 2026 at 00:30 and 00:40 in Paris (winter time,
 *   31 December 2025 at 23:30 and 23:40 UTC): January 2026;
 * - P4: last activity 90 days before today in Paris, at 00:30 in Paris (the day before in UTC):
 *   not inactive yet for the French State (inactive from the 91st day).
 */
describe("portfolio in Paris time", () => {
  let hub: Hub;
  let julien: string;
  beforeAll(async () => {
    hub = await startHub();
    const camille = await hub.token(CAMILLE);
    julien = await hub.token(JULIEN);
    const steps = projectSteps(hub);
    await hub.stopSubgraph("reporting");
    const fourth = new Date(Date.parse(`${parisToday()}T00:30:00Z`) - 90 * DAY_MS);
    // 00:30 in Paris is 23:30 (winter) or 22:30 (summer) UTC the day before: the offset of that day.
    const offsetHours = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" }).format(fourth));
    const p4At = new Date(fourth.getTime() - offsetHours * 3_600_000).toISOString();
    const dated: [string, string][] = [
      ["2026-03-31T21:30:00Z", "2026-03-31T21:45:00Z"],
      ["2026-03-31T22:30:00Z", "2026-03-31T22:45:00Z"],
      ["2025-12-31T23:30:00Z", "2025-12-31T23:40:00Z"],
      [p4At, p4At],
    ];
    for (const [i, [created, submitted]] of dated.entries()) {
      const id = await steps.create(camille, { title: `Projet ${i + 1}`, themes: ["eau"] });
      await steps.step(camille, id, "SUBMIT");
      const activities = await hub.sql<{ id: string }>("projects", "SELECT id::text AS id FROM activity WHERE project_id = $1 ORDER BY activity.id", [id]);
      expect(activities).toHaveLength(2);
      await hub.sql("projects", "UPDATE activity SET at = $2 WHERE id = $1", [activities[0].id, created]);
      await hub.sql("projects", "UPDATE activity SET at = $2 WHERE id = $1", [activities[1].id, submitted]);
      await hub.sql("projects", "UPDATE project SET created_at = $2 WHERE id = $1", [id, created]);
    }
    expect(new Date(p4At).toISOString().slice(0, 10)).not.toBe(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(p4At)));
    await hub.startSubgraph("reporting");
    await hub.reportingCaughtUp();
  });
  afterAll(() => hub.stop());

  const read = async <T>(query: string, filter: Record<string, unknown>): Promise<T> => {
    const response = await hub.query<T>(query, { f: filter }, julien);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  /** The points from `first` to April 2026, as [created, submitted]. */
  const points = async (filter: Record<string, unknown>, first = "2026-01") => {
    const { portfolioSeries } = await read<{ portfolioSeries: { points: { period: string; created: number; submitted: number }[] } }>(SERIES, filter);
    return Object.fromEntries(portfolioSeries.points.filter((p) => p.period >= first && p.period <= "2026-04").map((p) => [p.period, [p.created, p.submitted]]));
  };
  const PARIS_MONTHS = { "2026-01": [1, 1], "2026-02": [0, 0], "2026-03": [1, 1], "2026-04": [1, 1] };

  it.each([
    ["from the rollups (a territory alone)", { territoryId: "COMMUNE:63113" }],
    ["from the facts (a filter every project passes)", { territoryId: "COMMUNE:63113", from: "2025-06-01" }],
  ])("puts each step in its month in Paris, %s", async (_, filter) => {
    expect(await points(filter)).toEqual(PARIS_MONTHS);
  });

  it("bounds from/to by days in Paris", async () => {
    expect(await read(PORTFOLIO, { from: "2026-04-01", to: "2026-04-30" })).toEqual({ portfolio: { projectCount: 1, inactiveProjectCount: 1 } });
    expect(await read(PORTFOLIO, { from: "2026-03-31", to: "2026-03-31" })).toEqual({ portfolio: { projectCount: 1, inactiveProjectCount: 1 } });
    expect(await read(PORTFOLIO, { from: "2026-01-01", to: "2026-01-01" })).toEqual({ portfolio: { projectCount: 1, inactiveProjectCount: 1 } });
    expect(await points({ from: "2026-04-01", to: "2026-04-30" })).toEqual({ "2026-04": [1, 1] });
  });

  it("counts a project inactive from the 91st day in Paris, in the rollups and from the facts", async () => {
    expect(await read(PORTFOLIO, {})).toEqual({ portfolio: { projectCount: 4, inactiveProjectCount: 3 } });
    expect(await read(PORTFOLIO, { from: "2025-06-01" })).toEqual({ portfolio: { projectCount: 4, inactiveProjectCount: 3 } });
  });

  it("recomputes the stored months and days from the facts (migration 1768850000000, down to UTC then up)", async () => {
    const stored = () =>
      hub.sql(
        "reporting",
        `SELECT territory_id, dimension, key, count, NULL AS counts FROM portfolio_rollup WHERE dimension LIKE '%_month'
         UNION ALL SELECT territory_id, dimension, array_lower(counts, 1)::text, 0, counts::text FROM portfolio_histogram WHERE dimension = 'last_activity_day' ORDER BY 1, 2, 3`,
      );
    const projected = await stored();
    const migration = new ParisTime1768850000000();
    const runner = { query: (sql: string) => hub.sql("reporting", sql) } as unknown as QueryRunner;
    await migration.down(runner);
    expect(await points({ territoryId: "FRANCE" }, "2025-12")).toEqual({ "2025-12": [1, 1], "2026-01": [0, 0], "2026-02": [0, 0], "2026-03": [2, 2], "2026-04": [0, 0] });
    await migration.up(runner);
    expect(await stored()).toEqual(projected);
    expect(await points({ territoryId: "FRANCE" })).toEqual(PARIS_MONTHS);
  });
});
