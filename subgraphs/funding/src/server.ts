import { createSubgraph, type ServiceApp } from "@hub/kit";
import { AidesTerritoiresClient } from "./clients/aides-territoires.client";
import type { FundingConfig } from "./config";
import type { Context } from "./context";
import { AidSearchEntry, CachedAid } from "./entities/aid-cache.entity";
import { Perimeter } from "./entities/perimeter.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { AidCache1767000000000 } from "./migrations/1767000000000-aid-cache";
import { buildFundingSchema } from "./schema";
import { AidCache } from "./services/aid-cache.service";

export const ENTITIES = [Perimeter, AidSearchEntry, CachedAid];
export const MIGRATIONS = [Initial1764331200000, AidCache1767000000000];

export interface FundingServer extends ServiceApp {
  /** The process's Aides-Territoires client (its stats and circuit breaker, for tests and the bench). */
  aidesTerritoires: AidesTerritoiresClient;
}

/** Opens the database (migrations) and builds the app. Does not listen. */
export async function createFundingServer(config: FundingConfig, quiet = false): Promise<FundingServer> {
  const client = new AidesTerritoiresClient({ baseUrl: config.aidesTerritoiresUrl, apiKey: config.aidesTerritoiresApiKey });
  let cache: AidCache | null = null;
  const app = await createSubgraph<Context>(
    config,
    {
      name: "funding",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildFundingSchema().schema,
      createContext: ({ dataSource }, viewer) => {
        // One cache per process, over the subgraph's database.
        cache ??= new AidCache(dataSource, client, config.aidesTerritoiresCacheSeconds * 1000);
        return { viewer, dataSource, loaders: createLoaders(dataSource, client, cache), aidesTerritoires: client };
      },
    },
    quiet,
  );
  return Object.assign(app, { aidesTerritoires: client });
}
