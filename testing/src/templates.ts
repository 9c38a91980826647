import type { DataSource } from "typeorm";

/**
 * One template database per subgraph, loaded from compiled code (the global setup runs
 * outside jest's module mapping). `prepare` fills it once for all tests.
 */
export interface Template {
  subgraph: "projects" | "people-territories" | "funding" | "reporting";
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: () => Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: () => Function[];
  prepare?: (dataSource: DataSource) => Promise<void>;
}

/** What the templates load from each subgraph's compiled code. */
interface Subgraphs {
  "people-territories": typeof import("@hub/people-territories");
  projects: typeof import("@hub/projects");
  funding: typeof import("@hub/funding");
  reporting: typeof import("@hub/reporting");
}

const load = <K extends keyof Subgraphs>(name: K): Subgraphs[K] =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled code, loaded when asked: the global setup runs outside jest's module mapping
  require(`@hub/${name}`) as Subgraphs[K];

/** Prefix of every template database; a run's own carry its id (the jest process's pid). */
export const TEMPLATE_PREFIX = "hub_tpl_";
/** Prefix of the databases of the test hubs; then the run's id. */
export const TEST_DATABASE_PREFIX = "hub_t_";

/** The prefix of this run's test-hub databases (`hub_t_<run>_`), so that a run can drop what its killed predecessors left. */
export function testDatabasePrefix(run = process.env.HUB_TEST_RUN): string {
  if (!run) throw new Error("HUB_TEST_RUN is not set: the jest global setup did not run");
  return `${TEST_DATABASE_PREFIX}${run}_`;
}

/**
 * The template database of a subgraph for this test run: named after the run (HUB_TEST_RUN,
 * set by the global setup and inherited by the workers), so that two runs on one server (two
 * clones, a developer and CI) never drop each other's templates.
 */
export function templateDatabase(template: Template, run = process.env.HUB_TEST_RUN): string {
  if (!run) throw new Error("HUB_TEST_RUN is not set: the jest global setup did not run");
  return `${TEMPLATE_PREFIX}${run}_${template.subgraph.replace("-", "_")}`;
}

export const TEMPLATES: Template[] = [
  {
    subgraph: "people-territories",
    entities: () => load("people-territories").ENTITIES,
    migrations: () => load("people-territories").MIGRATIONS,
    prepare: async (dataSource) => {
      const pt = load("people-territories");
      await pt.ensureMap(dataSource);
      await pt.seedDemoAccounts(dataSource);
    },
  },
  { subgraph: "projects", entities: () => load("projects").ENTITIES, migrations: () => load("projects").MIGRATIONS },
  { subgraph: "funding", entities: () => load("funding").ENTITIES, migrations: () => load("funding").MIGRATIONS },
  { subgraph: "reporting", entities: () => load("reporting").ENTITIES, migrations: () => load("reporting").MIGRATIONS },
];
