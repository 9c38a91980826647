import { createSubgraph, type ServiceApp } from "@hub/kit";
import type { FundingConfig } from "./config";
import type { Context } from "./context";
import { Perimeter } from "./entities/perimeter.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { buildFundingSchema } from "./schema";
import { AidesTerritoiresClient } from "./services/aides-territoires.client";

export const ENTITIES = [Perimeter];
export const MIGRATIONS = [Initial1764331200000];

/** Opens the database (migrations) and builds the app. Does not listen. */
export function createFundingServer(config: FundingConfig, quiet = false): Promise<ServiceApp> {
  const client = new AidesTerritoiresClient({ baseUrl: config.aidesTerritoiresUrl, apiKey: config.aidesTerritoiresApiKey });
  return createSubgraph<Context>(
    config,
    {
      name: "funding",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildFundingSchema().schema,
      createContext: ({ dataSource }, viewer) => ({ viewer, dataSource, loaders: createLoaders(dataSource, client), aidesTerritoires: client }),
    },
    quiet,
  );
}
