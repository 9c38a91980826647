import { compareActivityIds, newestCursor, oldestCursor, lastActivityId, mergeJournal } from "../src/journal";
import type { ActivityEntry } from "../src/project-fiche-query";

const entry = (id: string, summary = `activité ${id}`): ActivityEntry => ({ id, at: "2026-01-01T00:00:00Z", kind: "PROJECT_UPDATED", summary, actor: null });

describe("journal merge", () => {
  it("compares ids as numbers", () => {
    expect(["10", "9", "100", "11"].sort(compareActivityIds)).toEqual(["9", "10", "11", "100"]);
    expect(compareActivityIds("9007199254740993", "9007199254740992")).toBeGreaterThan(0);
  });

  it("keeps each id once, the first seen, oldest first", () => {
    const merged = mergeJournal([entry("9"), entry("10")], [entry("10", "rejoué"), entry("12"), entry("11")]);
    expect(merged.map((e) => [e.id, e.summary])).toEqual([
      ["9", "activité 9"],
      ["10", "activité 10"],
      ["11", "activité 11"],
      ["12", "activité 12"],
    ]);
  });

  it("resumes after the newest id shown, or from the start", () => {
    expect(lastActivityId([entry("9"), entry("10")])).toBe("10");
    expect(lastActivityId([])).toBe("0");
  });
});

describe("journal cursors of figures", () => {
  it("finds the least current of several figures, as numbers, ignoring those that do not say", () => {
    expect(oldestCursor(["120", "95", null, "1000"])).toBe("95");
    expect(oldestCursor([undefined, null])).toBeNull();
  });

  it("keeps the newest event heard of", () => {
    expect(newestCursor(null, "7")).toBe("7");
    expect(newestCursor("10", "9")).toBe("10");
    expect(newestCursor("9", "10")).toBe("10");
  });
});
