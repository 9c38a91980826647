import { readFileSync } from "node:fs";

import { ConfigError, DEV_INTERNAL_SECRET, int, isLoopback, oneOf, readCommonConfig, readConfig, readSubgraphConfig, secret, str, url, withDatabase, type Env } from "./config";

/** The problems of the ConfigError `read` throws. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("no ConfigError");
}

const OWN_SECRET = "k3L9q0ZrVx2pW8mN4tB7yC1dF6gH5jS0aE"; // 34 characters, published nowhere else

describe("configuration", () => {
  it("lists every problem at once", () => {
    const read = () =>
      readConfig<{ a: string; b: number; c: string; d: string }>({ a: str("A"), b: int("B", 1, 0, 10), c: oneOf("C", ["x", "y"] as const, "x"), d: url("D") }, { B: "11", C: "z", D: "not a url" });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(["A is required", 'B must be an integer between 0 and 10 (got "11")', 'C must be one of x, y (got "z")', 'D must be a URL (got "not a url")']);
    }
  });

  it("runs in production unless told otherwise, and then requires secrets of its own", () => {
    expect(readCommonConfig({ INTERNAL_TOKEN_SECRET: OWN_SECRET })).toEqual({ mode: "production", internalTokenSecret: OWN_SECRET, host: "127.0.0.1" });
    expect(problemsOf(() => readCommonConfig({}))).toEqual(["INTERNAL_TOKEN_SECRET is required"]);
    expect(problemsOf(() => readCommonConfig({ HUB_MODE: "production", INTERNAL_TOKEN_SECRET: "short" }))).toEqual(["INTERNAL_TOKEN_SECRET must be at least 32 characters in production"]);
  });

  // Every secret published in the repository, long enough or not, is refused in production.
  const hubTestSource = readFileSync(require.resolve("@hub/testing/src/hub.ts"), "utf8");
  const testSecrets = [...hubTestSource.matchAll(/export const (?:TEST_SESSION_SECRET|STAND_IN_API_KEY|GRIST_API_KEY) = "([^"]+)"/g)].map((match) => match[1]);
  it.each([DEV_INTERNAL_SECRET, "dev-only-session-secret-never-use-in-production", "xxxxxxxx-DEV-ONLY-xxxxxxxxxxxxxxxxxxxxxxxxxx", "hub-local", "dev-grist-key", ...testSecrets])(
    "refuses the published secret %s in production",
    (published) => {
      expect(testSecrets).toHaveLength(3);
      expect(problemsOf(() => readCommonConfig({ INTERNAL_TOKEN_SECRET: published }))).toEqual([
        "INTERNAL_TOKEN_SECRET is a development or test value published in the repository: set a secret of your own",
      ]);
    },
  );

  it("lists every problem of a production subgraph at once: mode's, secrets', database password's and its own", () => {
    const env: Env = { INTERNAL_TOKEN_SECRET: "short", DATABASE_URL: "postgres://hub:hub-local@db:5432/postgres", API_KEY: "dev-aides-territoires-key" };
    expect(problemsOf(() => readSubgraphConfig("FUNDING", "funding", 4003, env, (mode) => ({ apiKey: secret("API_KEY", mode, undefined, 1), other: str("OTHER") })))).toEqual([
      "INTERNAL_TOKEN_SECRET must be at least 32 characters in production",
      "DATABASE_URL has a development or test password published in the repository: give the role a password of your own",
      "API_KEY is a development or test value published in the repository: set a secret of your own",
      "OTHER is required",
    ]);
    expect(problemsOf(() => readSubgraphConfig("FUNDING", "funding", 4003, { INTERNAL_TOKEN_SECRET: OWN_SECRET, FUNDING_DATABASE_URL: "postgres://hub_funding:tooshort@db/funding" }))).toEqual([
      "FUNDING_DATABASE_URL has a password shorter than 32 characters",
    ]);
    // No password: certificate, peer or .pgpass authentication.
    expect(readSubgraphConfig("FUNDING", "funding", 4003, { INTERNAL_TOKEN_SECRET: OWN_SECRET, DATABASE_URL: "postgres://hub_funding@db/postgres" }).databaseUrl).toBe(
      "postgres://hub_funding@db/funding",
    );
  });

  it("keeps development and test on a loopback address, with their public secrets", () => {
    expect(readCommonConfig({ HUB_MODE: "development" })).toEqual({ mode: "development", internalTokenSecret: DEV_INTERNAL_SECRET, host: "127.0.0.1" });
    expect(readCommonConfig({ HUB_MODE: "test", HOST: "::1" }).host).toBe("::1");
    expect(problemsOf(() => readCommonConfig({ HUB_MODE: "development", HOST: "0.0.0.0" }))).toEqual([
      'HUB_MODE=development listens on a loopback HOST only (got "0.0.0.0"): its sign-in and secrets are public; use HUB_MODE=production with secrets of your own',
    ]);
    expect(problemsOf(() => readCommonConfig({ HUB_MODE: "test", HOST: "192.168.1.10" }))).toHaveLength(1);
    expect(readCommonConfig({ HOST: "0.0.0.0", INTERNAL_TOKEN_SECRET: OWN_SECRET }).host).toBe("0.0.0.0");
  });

  it.each([
    ["127.0.0.1", true],
    ["127.12.0.3", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.1", false],
    ["127.0.0.1.example.org", false],
    ["localhost.example.org", false],
  ])("isLoopback(%s) is %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });

  it("gives each subgraph its own database on a shared server, unless it has its own URL", () => {
    expect(readSubgraphConfig("PROJECTS", "projects", 4001, { HUB_MODE: "development", DATABASE_URL: "postgres://u@h:5432/postgres" })).toMatchObject({
      port: 4001,
      databaseUrl: "postgres://u@h:5432/projects",
    });
    expect(readSubgraphConfig("PROJECTS", "projects", 4001, { HUB_MODE: "development", PROJECTS_DATABASE_URL: "postgres://u@h/own", PROJECTS_PORT: "5001" })).toMatchObject({
      port: 5001,
      databaseUrl: "postgres://u@h/own",
    });
    expect(() => readSubgraphConfig("PROJECTS", "projects", 4001, { HUB_MODE: "development" })).toThrow("PROJECTS_DATABASE_URL or DATABASE_URL is required");
    expect(withDatabase("postgres://a:b@h:1/x?sslmode=require", "y")).toBe("postgres://a:b@h:1/y?sslmode=require");
  });
});
