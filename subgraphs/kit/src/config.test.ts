import { ConfigError, int, oneOf, readCommonConfig, readConfig, readSubgraphConfig, str, url, withDatabase } from "./config";

describe("configuration", () => {
  it("lists every problem at once", () => {
    const read = () =>
      readConfig<{ a: string; b: number; c: string; d: string }>(
        { a: str("A"), b: int("B", 1, 0, 10), c: oneOf("C", ["x", "y"] as const, "x"), d: url("D") },
        { B: "11", C: "z", D: "not a url" },
      );
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        "A is required",
        'B must be an integer between 0 and 10 (got "11")',
        'C must be one of x, y (got "z")',
        'D must be a URL (got "not a url")',
      ]);
    }
  });

  it("requires a real internal secret in production only", () => {
    expect(readCommonConfig({}).mode).toBe("development");
    expect(() => readCommonConfig({ HUB_MODE: "production" })).toThrow("INTERNAL_TOKEN_SECRET is required");
    expect(() => readCommonConfig({ HUB_MODE: "production", INTERNAL_TOKEN_SECRET: "short" })).toThrow("at least 32 characters");
    expect(readCommonConfig({ HUB_MODE: "production", INTERNAL_TOKEN_SECRET: "x".repeat(32) }).internalTokenSecret).toBe("x".repeat(32));
  });

  it("gives each subgraph its own database on a shared server, unless it has its own URL", () => {
    expect(readSubgraphConfig("PROJECTS", "projects", 4001, { DATABASE_URL: "postgres://u@h:5432/postgres" })).toMatchObject({
      port: 4001,
      databaseUrl: "postgres://u@h:5432/projects",
    });
    expect(readSubgraphConfig("PROJECTS", "projects", 4001, { PROJECTS_DATABASE_URL: "postgres://u@h/own", PROJECTS_PORT: "5001" })).toMatchObject({
      port: 5001,
      databaseUrl: "postgres://u@h/own",
    });
    expect(() => readSubgraphConfig("PROJECTS", "projects", 4001, {})).toThrow("PROJECTS_DATABASE_URL or DATABASE_URL is required");
    expect(withDatabase("postgres://a:b@h:1/x?sslmode=require", "y")).toBe("postgres://a:b@h:1/y?sslmode=require");
  });
});
