import { createLogger, createSubgraphApp, openDatabase, type ServiceApp } from "@hub/kit";
import type { ReportingConfig } from "./config";
import { JournalOffset, ProjectFact } from "./entities/project-fact.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { buildReportingSchema } from "./schema";
import { JournalConsumer } from "./services/journal-consumer.service";

export const ENTITIES = [ProjectFact, JournalOffset];
export const MIGRATIONS = [Initial1764331200000];

/** Opens the database (migrations) and builds the app; projections catch up on read. */
export async function createReportingServer(config: ReportingConfig, quiet = false): Promise<ServiceApp> {
  const logger = createLogger("reporting", quiet);
  const database = await openDatabase({ url: config.databaseUrl, entities: ENTITIES, migrations: MIGRATIONS });
  const journal = new JournalConsumer(database.dataSource, config.projectsUrl, config.internalTokenSecret, logger);
  const { schema } = buildReportingSchema();
  return createSubgraphApp({
    name: "reporting",
    schema,
    database,
    mode: config.mode,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    createContext: (viewer) => ({ viewer, dataSource: database.dataSource, loaders: createLoaders(database.dataSource), journal }),
  });
}
