import { GraphQLError } from "graphql";
import { countOf, decodeCursor, encodeCursor, isStringPair, readPage, toConnection } from "./pagination";

describe("Relay pagination", () => {
  it("round-trips cursors", () => {
    expect(decodeCursor(encodeCursor(["2026-01-01", "x"]), isStringPair)).toEqual(["2026-01-01", "x"]);
    expect(decodeCursor(encodeCursor(["", "é ü 🙂"]), isStringPair)).toEqual(["", "é ü 🙂"]);
  });

  const good = encodeCursor(["2026-01-01", "x"]);
  it.each([
    ["not base64url", "%%%"],
    ["empty", ""],
    ["truncated", good.slice(0, -3)],
    ["one character changed", good.slice(0, 4) + (good[4] === "A" ? "B" : "A") + good.slice(5)],
    ["JSON of another shape (a number)", encodeCursor(42)],
    ["JSON of another shape (one string)", encodeCursor(["a"])],
    ["JSON of another shape (three strings)", encodeCursor(["a", "b", "c"])],
    ["JSON of another shape (numbers)", encodeCursor([1, 2])],
    ["not JSON", Buffer.from("not json").toString("base64url")],
  ])("refuses a tampered or foreign cursor (%s) with BAD_USER_INPUT on `after`", (_label, bad) => {
    let error: GraphQLError | null = null;
    try {
      decodeCursor(bad, isStringPair);
    } catch (e) {
      error = e as GraphQLError;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(error!.message).toBe("after is not a valid cursor");
  });

  it("refuses a tampered cursor through readPage too", () => {
    let error: unknown = null;
    try {
      readPage({ first: 5, after: "%%%" }, 50, isStringPair);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(readPage({ first: 5, after: good }, 50, isStringPair)).toEqual({ size: 5, limit: 6, after: ["2026-01-01", "x"] });
  });

  it("caps page sizes and reads one extra row to know about the next page", () => {
    expect(readPage({}, 50, isStringPair)).toEqual({ size: 20, limit: 21, after: null });
    expect(() => readPage({ first: 51 }, 50, isStringPair)).toThrow("first must be between 1 and 50");
    const page = readPage({ first: 2 }, 50, isStringPair);
    const connection = toConnection(["a", "b", "c"], page, (row) => [row, row], 3);
    expect(connection.edges.map((e) => e.node)).toEqual(["a", "b"]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: encodeCursor(["b", "b"]) });
  });

  it("counts the whole list only when totalCount is read, once", async () => {
    let counts = 0;
    const count = () => {
      counts += 1;
      return Promise.resolve(42);
    };
    const page = readPage({ first: 2 }, 50, isStringPair);
    const connection = toConnection(["a", "b", "c"], page, (row) => [row, row], countOf(["a", "b", "c"], page, count));
    expect(counts).toBe(0);
    expect(await connection.totalCount).toBe(42);
    expect(await connection.totalCount).toBe(42);
    expect(counts).toBe(1);
    // A first page holding the whole list is its own count: no query.
    const whole = toConnection(["a"], page, (row) => [row, row], countOf(["a"], page, count));
    expect(whole.totalCount).toBe(1);
    expect(counts).toBe(1);
  });
});
