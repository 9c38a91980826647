// One jest run for the whole hub: one project per workspace, TypeScript through swc with
// decorator metadata (type-graphql needs it), @hub/* mapped to their sources. The global setup
// provides PostgreSQL (DATABASE_URL, or an embedded server) and template databases.
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, react: { runtime: "automatic" } },
      target: "es2022",
    },
    module: { type: "commonjs", ignoreDynamic: true },
  },
];

// openid-client, oauth4webapi, jose and cookie are published as ES modules only: Node loads them
// with require(esm), jest's module loader does not (before Node 24.9), so swc turns them into CommonJS.
const ESM_ONLY = ["openid-client", "oauth4webapi", "jose", "cookie"];
const swcEsm = ["@swc/jest", { jsc: { parser: { syntax: "ecmascript" }, target: "es2022" }, module: { type: "commonjs" } }];

// Every workspace with tests, and the root's own (test/: the repository as a whole).
const workspaces = ["packages/kit", "packages/reference", "subgraphs/people-territories", "subgraphs/projects", "subgraphs/funding", "subgraphs/reporting", "schema", "gateway", "web", "."];

// @hub/* to their sources (jest runs TypeScript; the compiled dist may be stale).
const SOURCES = {
  "^@hub/(kit|reference|local-postgres)$": "<rootDir>/packages/$1/src",
  "^@hub/(people-territories|projects|funding|reporting)$": "<rootDir>/subgraphs/$1/src",
  "^@hub/funding/stand-in$": "<rootDir>/subgraphs/funding/src/stand-in",
  "^@hub/people-territories/stand-in$": "<rootDir>/subgraphs/people-territories/src/stand-in",
  "^@hub/reporting/stand-in$": "<rootDir>/subgraphs/reporting/src/stand-in",
  "^@hub/gateway$": "<rootDir>/gateway/src",
  "^@hub/testing$": "<rootDir>/testing/src",
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: "<rootDir>/testing/src/global-setup.ts",
  globalTeardown: "<rootDir>/testing/src/global-teardown.ts",
  maxWorkers: 2,
  testTimeout: 120_000,
  projects: workspaces.map((workspace) => ({
    displayName: workspace === "." ? "hub" : workspace.split("/").pop(),
    rootDir: __dirname,
    roots: [workspace === "." ? "<rootDir>/test" : `<rootDir>/${workspace}`],
    testMatch: workspace === "." ? ["<rootDir>/test/**/*.test.ts"] : [`<rootDir>/${workspace}/src/**/*.test.ts`, `<rootDir>/${workspace}/test/**/*.test.ts`],
    testEnvironment: "node",
    transform: { "^.+\\.tsx?$": swc, [`/node_modules/(${ESM_ONLY.join("|")})/.+\\.js$`]: swcEsm },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join("|")})/)`],
    moduleNameMapper: SOURCES,
    setupFiles: ["reflect-metadata"],
  })),
};
