import { readJournalCursor } from "./activity-query.service";

/** What `run` throws (typed `unknown`, for `toMatchObject`); an error of its own if it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("readJournalCursor", () => {
  it("reads an activity id, and no cursor as the start of the journal", () => {
    expect(readJournalCursor("42")).toBe("42");
    expect(readJournalCursor("999999999999999999")).toBe("999999999999999999");
    expect(readJournalCursor(null)).toBe("0");
    expect(readJournalCursor(undefined)).toBe("0");
  });

  it.each([
    ["an opaque connection cursor", "WyIyMDI2LTAxLTAxIiwieCJd"],
    ["a negative id", "-1"],
    ["a decimal", "1.5"],
    ["an id too large for bigint", "9999999999999999999"],
    ["SQL", "1; DROP TABLE activity"],
    ["an empty string", ""],
    ["spaces around", " 42 "],
  ])("refuses %s with BAD_USER_INPUT naming the argument", (_label, cursor) => {
    expect(thrownBy(() => readJournalCursor(cursor, "since"))).toMatchObject({ message: "since must be an activity id", extensions: { code: "BAD_USER_INPUT" } });
  });
});
