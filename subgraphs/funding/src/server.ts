import { createSubgraph, type ServiceApp } from "@hub/kit";
import { DemarchesSimplifieesClient } from "./clients/demarches-simplifiees.client";
import type { FundingConfig } from "./config";
import type { Context } from "./context";
import { ActivityOutboxEntry } from "./entities/activity-outbox.entity";
import { DsSyncCursor, FundingApplication } from "./entities/funding-application.entity";
import { Perimeter } from "./entities/perimeter.entity";
import { createLoaders } from "./loaders";
import { createApplicationContext } from "./loaders/funding-application.loader";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { FundingApplications1767400000000 } from "./migrations/1767400000000-funding-applications";
import { buildFundingSchema } from "./schema";
import { ActivityOutbox } from "./services/activity-outbox.service";
import { AidesTerritoiresClient } from "./services/aides-territoires.client";
import { DsSync } from "./services/ds-sync.service";
import type { ApplicationServices } from "./services/funding-application.service";
import { ProjectGate } from "./services/project-gate.service";

export const ENTITIES = [Perimeter, FundingApplication, DsSyncCursor, ActivityOutboxEntry];
export const MIGRATIONS = [Initial1764331200000, FundingApplications1767400000000];

/** Opens the database (migrations) and builds the app. Does not listen. */
export function createFundingServer(config: FundingConfig, quiet = false): Promise<ServiceApp> {
  const client = new AidesTerritoiresClient({ baseUrl: config.aidesTerritoiresUrl, apiKey: config.aidesTerritoiresApiKey });
  // Démarches Simplifiées: built once the database is open; the follow-up and the outbox run in the background.
  let applications: ApplicationServices | null = null;
  let sync: DsSync | null = null;
  return createSubgraph<Context>(
    config,
    {
      name: "funding",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildFundingSchema().schema,
      prepare: async ({ dataSource }, logger) => {
        const outbox = new ActivityOutbox(dataSource, config.projectsUrl, config.internalTokenSecret, logger, { intervalMs: config.outboxIntervalMs });
        applications = {
          procedures: config.procedures,
          apiTokens: config.dsApiTokens,
          ds: new DemarchesSimplifieesClient({ baseUrl: config.demarchesSimplifieesUrl }),
          projects: new ProjectGate(config.projectsUrl, config.internalTokenSecret),
          outbox,
          logger,
        };
        sync = new DsSync(dataSource, applications, logger);
        outbox.start();
        sync.start(config.dsSyncSeconds * 1000);
      },
      onClose: async () => {
        await sync?.stop();
        await applications?.outbox.stop();
      },
      createContext: ({ dataSource }, viewer) => ({
        viewer,
        dataSource,
        loaders: createLoaders(dataSource, client),
        aidesTerritoires: client,
        applications: createApplicationContext(dataSource, applications!),
      }),
    },
    quiet,
  );
}
