import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor, isStringPair, readPage, toConnection } from "./pagination";

describe("Relay pagination", () => {
  it("round-trips cursors and refuses foreign ones with BAD_USER_INPUT", () => {
    expect(decodeCursor(encodeCursor(["2026-01-01", "x"]), isStringPair)).toEqual(["2026-01-01", "x"]);
    for (const bad of ["%%%", encodeCursor(42), encodeCursor(["a"])]) {
      const error = (() => {
        try {
          decodeCursor(bad, isStringPair);
        } catch (e) {
          return e as GraphQLError;
        }
        return null;
      })();
      expect(error?.extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("caps page sizes and reads one extra row to know about the next page", () => {
    expect(readPage({}, 50, isStringPair)).toEqual({ size: 20, limit: 21, after: null });
    expect(() => readPage({ first: 51 }, 50, isStringPair)).toThrow("first must be between 1 and 50");
    const page = readPage({ first: 2 }, 50, isStringPair);
    const connection = toConnection(["a", "b", "c"], page, (row) => [row, row]);
    expect(connection.edges.map((e) => e.node)).toEqual(["a", "b"]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: encodeCursor(["b", "b"]) });
  });
});
