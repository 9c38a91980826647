import { contextFactory, createLogger, createSubgraphApp, openDatabase, type ServiceApp } from "@hub/kit";
import type { ProjectsConfig } from "./config";
import { Activity } from "./entities/activity.entity";
import { Project } from "./entities/project.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { buildProjectsSchema } from "./schema";
import { seedDemoProjects } from "./services/demo-projects";

export const ENTITIES = [Project, Activity];
export const MIGRATIONS = [Initial1764331200000];

/** Opens the database (migrations), adds demo projects in development mode, builds the app. */
export async function createProjectsServer(config: ProjectsConfig, quiet = false): Promise<ServiceApp> {
  const logger = createLogger("projects", quiet);
  const database = await openDatabase({ url: config.databaseUrl, entities: ENTITIES, migrations: MIGRATIONS });
  if (config.mode === "development") {
    const created = await seedDemoProjects(database.dataSource);
    if (created > 0) logger.info(`${created} demo projects created`);
  }
  const { schema } = buildProjectsSchema();
  return createSubgraphApp({
    name: "projects",
    schema,
    database,
    mode: config.mode,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    createContext: contextFactory(database.dataSource, createLoaders),
  });
}
