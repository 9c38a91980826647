import { DAY_MS, quietVerdict, reminderWeeks, WEEK_MS } from "./reminders";

describe("reminders", () => {
  const last = new Date("2026-01-05T10:00:00Z");
  const after = (ms: number) => new Date(last.getTime() + ms);

  it("reminds once per period of silence, from the first full period", () => {
    expect(quietVerdict(last, after(6 * WEEK_MS - 1), 6)).toEqual({ kind: "NONE" });
    expect(quietVerdict(last, after(6 * WEEK_MS), 6)).toEqual({ kind: "REMIND", period: 1, weeksWithoutActivity: 6 });
    expect(quietVerdict(last, after(11 * WEEK_MS), 6)).toEqual({ kind: "REMIND", period: 1, weeksWithoutActivity: 11 });
    expect(quietVerdict(last, after(12 * WEEK_MS), 6)).toEqual({ kind: "REMIND", period: 2, weeksWithoutActivity: 12 });
    expect(quietVerdict(last, after(2 * WEEK_MS), 2)).toEqual({ kind: "REMIND", period: 1, weeksWithoutActivity: 2 });
  });

  it("flags a project inactive after a year, and stops reminding it", () => {
    expect(quietVerdict(last, after(364 * DAY_MS), 6).kind).toBe("REMIND");
    expect(quietVerdict(last, after(365 * DAY_MS), 6)).toEqual({ kind: "INACTIVE" });
    expect(quietVerdict(last, after(30 * DAY_MS), 6, 30)).toEqual({ kind: "INACTIVE" });
  });

  it("takes the shortest delay of the project's départements, else the default", () => {
    expect(reminderWeeks([])).toBe(6);
    expect(reminderWeeks([], 4)).toBe(4);
    expect(reminderWeeks([8, 3])).toBe(3);
  });
});
