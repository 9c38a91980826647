// One jest run for the whole hub: one project per workspace, TypeScript through swc with
// decorator metadata (type-graphql needs it), @hub/* mapped to sources. The global setup
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

// openid-client, oauth4webapi and jose are published as ES modules only: Node loads them with
// require(esm), jest's module loader does not (before Node 24.9), so swc turns them into CommonJS.
const ESM_ONLY = ["openid-client", "oauth4webapi", "jose"];
const swcEsm = ["@swc/jest", { jsc: { parser: { syntax: "ecmascript" }, target: "es2022" }, module: { type: "commonjs" } }];

const workspaces = ["subgraphs/kit", "subgraphs/people-territories", "subgraphs/projects", "subgraphs/funding", "subgraphs/reporting", "schema", "gateway", "web"];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: "<rootDir>/gateway/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/gateway/test/support/global-teardown.ts",
  maxWorkers: 2,
  testTimeout: 120_000,
  projects: workspaces.map((workspace) => ({
    displayName: workspace.split("/").pop(),
    rootDir: `<rootDir>/${workspace}`,
    testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
    testEnvironment: "node",
    transform: { "^.+\\.tsx?$": swc, [`/node_modules/(${ESM_ONLY.join("|")})/.+\\.js$`]: swcEsm },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join("|")})/)`],
    moduleNameMapper: {
      "^@hub/funding/stand-in$": "<rootDir>/../" + (workspace.startsWith("subgraphs/") ? "" : "subgraphs/") + "funding/src/stand-in",
      "^@hub/kit$": "<rootDir>/../" + (workspace.startsWith("subgraphs/") ? "" : "subgraphs/") + "kit/src",
      "^@hub/(people-territories|projects|funding|reporting)$": "<rootDir>/../" + (workspace.startsWith("subgraphs/") ? "" : "subgraphs/") + "$1/src",
      "^@hub/gateway$": "<rootDir>/../" + (workspace.startsWith("subgraphs/") ? "../" : "") + "gateway/src",
    },
    setupFiles: ["reflect-metadata"],
  })),
};
