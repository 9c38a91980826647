// ESLint for the whole repository (flat config): typescript-eslint's strict type-checked rules,
// import cycles, React hooks in web/, and the boundaries between workspaces. Formatting is
// Prettier's job: eslint-config-prettier, last, turns off every rule it would fight with.
// Globs name both the current tree and the layout with packages/ and testing/ at the root.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SUBGRAPHS = ["people-territories", "projects", "funding", "reporting"];

/** Test code: jest files, every test/ folder (workspaces' and the root's) and the harness workspace. */
const TESTS = ["**/*.test.{ts,tsx}", "**/test/**", "testing/**"];
/** Files type-checked by tsconfig.tests.json (the others by their workspace's tsconfig.json). */
const TESTS_TYPED_BY_TESTS_TSCONFIG = ["**/*.test.{ts,tsx}", "**/test/**/*.{ts,tsx}", "testing/src/**/*.{ts,tsx}"];
const JS = ["**/*.{js,mjs,cjs}"];
const ALL = ["**/*.{ts,tsx,js,mjs,cjs}"];
/** Test code and stand-ins (fake external APIs for tests and demos): everything else is production code. */
const NOT_PRODUCTION = [...TESTS, "**/stand-in/**", "**/*stand-in*"];

/** Import paths that reach a test folder or the test harness (`test/`, `testing/`, `@hub/testing`). */
const TEST_FOLDER = { regex: String.raw`(^|/)(test|tests|__tests__|testing)(/|$)`, message: "Production code does not import test code: the harness is for tests only." };
/** Import paths that reach a stand-in (a fake external API for tests and demos). */
const STAND_IN = { regex: String.raw`(^|[/.-])stand-ins?([/.-]|$)`, message: "Stand-ins are test and demo code: production code does not import them." };

/** Imports of the given workspaces, by package name (@hub/x, @hub/x/sub) or by a relative path up to their folder. */
function notFrom(workspaces, message) {
  const names = workspaces.join("|");
  return { regex: String.raw`^(@hub/(${names})(/|$)|(\.\./)+((subgraphs|packages)/)?(${names})(/|$))`, message };
}

export default tseslint.config(
  {
    ignores: ["**/dist/", "**/dist-before/", "**/node_modules/", "**/coverage/", "**/.data/", "bench/results/"],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      "import-x/resolver-next": [
        createTypeScriptImportResolver({
          project: ["tsconfig.tests.json", "web/tsconfig.json", "{subgraphs,packages}/*/tsconfig.json", "{gateway,schema,bench,testing}/tsconfig.json"],
        }),
      ],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      // Code in another workspace is imported by its package name (@hub/kit), never by a path into its folder.
      "import-x/no-relative-packages": "error",
      // TypeScript already checks these (and import-x cannot see through `export =` or type-only modules).
      "import-x/no-unresolved": "off",
      "import-x/named": "off",
      "import-x/namespace": "off",
      "import-x/default": "off",
      "import-x/no-named-as-default-member": "off",
      // `import WebSocket from "ws"` is ws's documented form (an `export =` module whose class is also a member).
      "import-x/no-named-as-default": "off",
      // Templates print numbers and booleans on purpose (ports, counts, flags); objects and nullish values stay errors.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // `() => send(x)` and `return next(error)` in a function returning void are this code's idiom, not a misuse of a value.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // type-graphql's @ObjectType/@ArgsType classes describe shapes: resolvers return plain objects, as the library
      // intends, and no code tests them with instanceof. The rule would ask for a constructor call per literal.
      "@typescript-eslint/no-unsafe-class-instance-assignment": "off",
      // Unused arguments named `_x` are placeholders a signature requires (tsc's noUnusedParameters agrees).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },

  // Tests are type-checked by tsconfig.tests.json (it maps @hub/* to the sources).
  {
    files: TESTS_TYPED_BY_TESTS_TSCONFIG,
    languageOptions: { parserOptions: { projectService: false, project: "tsconfig.tests.json", tsconfigRootDir: import.meta.dirname } },
  },

  // Plain JavaScript (scripts, jest and ESLint configs, the test OIDC provider) has no types to check.
  {
    files: JS,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },

  // The web app: browser globals and React's rules of hooks.
  {
    files: ["web/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Services read their settings in one place (config.ts collects every problem before failing): nothing else reads process.env.
  {
    files: ["{subgraphs,packages}/*/src/**/*.ts", "gateway/src/**/*.ts", "schema/src/**/*.ts"],
    ignores: [...TESTS, "**/config.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings in the workspace's config.ts, which reports every problem at once." }],
    },
  },

  // Boundaries (no-restricted-imports: a later block replaces an earlier one's list, so each block lists all that applies).
  // Production code imports neither tests, nor the harness, nor stand-ins.
  {
    files: ALL,
    ignores: NOT_PRODUCTION,
    rules: { "no-restricted-imports": ["error", { patterns: [TEST_FOLDER, STAND_IN] }] },
  },
  // Shared packages (the kit, packages/*) import no subgraph and not the gateway.
  {
    files: ["subgraphs/kit/**", "packages/**"],
    ignores: NOT_PRODUCTION,
    rules: { "no-restricted-imports": ["error", { patterns: [TEST_FOLDER, STAND_IN, notFrom([...SUBGRAPHS, "gateway"], "Shared code depends on no subgraph and not on the gateway.")] }] },
  },
  // A subgraph imports no other subgraph, in its tests too: what they share lives in the kit or packages/.
  ...SUBGRAPHS.flatMap((subgraph) => {
    const others = notFrom(
      SUBGRAPHS.filter((other) => other !== subgraph),
      "A subgraph does not import another subgraph: share through @hub/kit or a package.",
    );
    return [
      { files: [`subgraphs/${subgraph}/**`], rules: { "no-restricted-imports": ["error", { patterns: [others] }] } },
      { files: [`subgraphs/${subgraph}/**`], ignores: NOT_PRODUCTION, rules: { "no-restricted-imports": ["error", { patterns: [TEST_FOLDER, STAND_IN, others] }] } },
    ];
  }),

  // Tests: jest globals; assertions on values a test has just checked may use `!`.
  {
    files: TESTS,
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: {
      // A test that just asserted a value exists, or reads a fixture it created, uses `!` instead of another branch.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },

  prettier,
);
