/* eslint-disable @typescript-eslint/no-require-imports */
import type { DataSource } from "typeorm";

/**
 * One template database per subgraph, loaded from compiled code (the global setup runs
 * outside jest's module mapping). `prepare` fills it once for all tests.
 */
export interface Template {
  subgraph: "projects" | "people-territories" | "funding" | "reporting";
  database: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: () => Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: () => Function[];
  prepare?: (dataSource: DataSource) => Promise<void>;
}

const load = (name: string) => require(`@hub/${name}`);

export const TEMPLATES: Template[] = [
  {
    subgraph: "people-territories",
    database: "hub_tpl_people_territories",
    entities: () => load("people-territories").ENTITIES,
    migrations: () => load("people-territories").MIGRATIONS,
    prepare: async (dataSource) => {
      const pt = load("people-territories");
      await pt.ensureMap(dataSource);
      await pt.seedDemoAccounts(dataSource);
    },
  },
  { subgraph: "projects", database: "hub_tpl_projects", entities: () => load("projects").ENTITIES, migrations: () => load("projects").MIGRATIONS },
  { subgraph: "funding", database: "hub_tpl_funding", entities: () => load("funding").ENTITIES, migrations: () => load("funding").MIGRATIONS },
  { subgraph: "reporting", database: "hub_tpl_reporting", entities: () => load("reporting").ENTITIES, migrations: () => load("reporting").MIGRATIONS },
];
