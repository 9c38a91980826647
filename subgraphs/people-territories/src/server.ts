import { contextFactory, createLogger, createSubgraphApp, openDatabase, type ServiceApp } from "@hub/kit";
import type { PeopleTerritoriesConfig } from "./config";
import { createLoaders } from "./loaders";
import { Organization } from "./entities/organization.entity";
import { Person } from "./entities/person.entity";
import { Territory, TerritoryLink } from "./entities/territory.entity";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { buildPeopleTerritoriesSchema } from "./schema";
import { ensureMap } from "./services/cog-import.service";
import { seedDemoAccounts } from "./services/demo-accounts";

export const ENTITIES = [Territory, TerritoryLink, Organization, Person];
export const MIGRATIONS = [Initial1764331200000];

/**
 * Opens the database (migrations), imports the map when the reference data changed, creates
 * the demo accounts outside production, and builds the app. Does not listen.
 */
export async function createPeopleTerritoriesServer(config: PeopleTerritoriesConfig, quiet = false): Promise<ServiceApp> {
  const logger = createLogger("people-territories", quiet);
  const database = await openDatabase({ url: config.databaseUrl, entities: ENTITIES, migrations: MIGRATIONS });
  logger.info(await ensureMap(database.dataSource));
  if (config.mode !== "production") {
    const created = await seedDemoAccounts(database.dataSource);
    if (created > 0) logger.info(`${created} demo accounts created`);
  }
  const { schema } = buildPeopleTerritoriesSchema();
  return createSubgraphApp({
    name: "people-territories",
    schema,
    database,
    mode: config.mode,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    createContext: contextFactory(database.dataSource, createLoaders),
  });
}
