import { GraphQLError } from "graphql";
import { formatError } from "./errors";

/** A PostgreSQL error as TypeORM wraps it (QueryFailedError keeps the driver's error). */
function queryFailed(code: string): GraphQLError {
  const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });
  const original = Object.assign(new Error(`INSERT INTO "project" ... ${driverError.message}`), { driverError, query: "INSERT INTO project ..." });
  return new GraphQLError(original.message, { path: ["createProject"], originalError: original });
}

describe("formatError", () => {
  it.each(["22021", "22P05"])("maps PostgreSQL's SQLSTATE %s to BAD_USER_INPUT without the SQL", (code) => {
    const error = queryFailed(code);
    expect(formatError(error.toJSON(), error, () => {})).toEqual({ message: "Invalid character in input", path: ["createProject"], locations: undefined, extensions: { code: "BAD_USER_INPUT" } });
  });

  it("keeps any other database error internal, logged but not shown", () => {
    const error = queryFailed("23505");
    const logged: string[] = [];
    expect(formatError(error.toJSON(), error, (m) => logged.push(m))).toEqual({
      message: "Internal server error",
      path: ["createProject"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(logged).toHaveLength(1);
  });

  it("shows the gateway's limit errors with their details", () => {
    const error = new GraphQLError("Query depth 13 exceeds the limit of 12", { extensions: { code: "QUERY_TOO_COMPLEX", limit: { name: "depth", max: 12, actual: 13 } } });
    expect(formatError(error.toJSON(), error, () => {})).toEqual({ message: error.message, extensions: { code: "QUERY_TOO_COMPLEX", limit: { name: "depth", max: 12, actual: 13 } } });
  });
});
