import { createLogger, createSubgraphApp, openDatabase, type ServiceApp } from "@hub/kit";
import type { FundingConfig } from "./config";
import { Perimeter } from "./entities/perimeter.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { buildFundingSchema } from "./schema";
import { AidesTerritoiresClient } from "./services/aides-territoires.client";

export const ENTITIES = [Perimeter];
export const MIGRATIONS = [Initial1764331200000];

/** Opens the database (migrations) and builds the app. Does not listen. */
export async function createFundingServer(config: FundingConfig, quiet = false): Promise<ServiceApp> {
  const logger = createLogger("funding", quiet);
  const database = await openDatabase({ url: config.databaseUrl, entities: ENTITIES, migrations: MIGRATIONS });
  const client = new AidesTerritoiresClient({ baseUrl: config.aidesTerritoiresUrl, apiKey: config.aidesTerritoiresApiKey });
  const { schema } = buildFundingSchema();
  return createSubgraphApp({
    name: "funding",
    schema,
    database,
    mode: config.mode,
    internalTokenSecret: config.internalTokenSecret,
    logger,
    createContext: (viewer) => ({ viewer, dataSource: database.dataSource, loaders: createLoaders(database.dataSource, client), aidesTerritoires: client }),
  });
}
