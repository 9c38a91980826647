import { createSubgraph, type ServiceApp } from "@hub/kit";
import { AidesTerritoiresClient } from "./clients/aides-territoires.client";
import { DemarchesSimplifieesClient } from "./clients/demarches-simplifiees.client";
import type { FundingConfig } from "./config";
import type { Context } from "./context";
import { AidSearchEntry, CachedAid } from "./entities/aid-cache.entity";
import { ActivityOutboxEntry } from "./entities/activity-outbox.entity";
import { DsSyncCursor, FundingApplication } from "./entities/funding-application.entity";
import { Contact, Resource, ResourceVersionRow } from "./entities/library.entity";
import { Perimeter } from "./entities/perimeter.entity";
import { SuggestionDiscard, SuggestionRule } from "./entities/suggestion.entity";
import { Suggestions1768711000000 } from "./migrations/1768711000000-suggestions";
import { SuggestionRestore1768860000000 } from "./migrations/1768860000000-suggestion-restore";
import { SuggestionRulePrefilter1768860000001 } from "./migrations/1768860000001-suggestion-rule-prefilter";
import { createLoaders } from "./loaders";
import { createApplicationContext } from "./loaders/funding-application.loader";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { AidCache1767000000000 } from "./migrations/1767000000000-aid-cache";
import { FundingApplications1767400000000 } from "./migrations/1767400000000-funding-applications";
import { Library1768400000000 } from "./migrations/1768400000000-library";
import { seedDemoLibrary } from "./demo/demo-library";
import { importEngineeringAids } from "./services/library-import.service";
import { buildFundingSchema } from "./schema";
import { ActivityOutbox } from "./services/activity-outbox.service";
import { AidCache } from "./services/aid-cache.service";
import { DsSync } from "./services/ds-sync.service";
import type { ApplicationServices } from "./services/funding-application.service";
import { ProjectGate } from "./services/project-gate.service";

export const ENTITIES = [Perimeter, AidSearchEntry, CachedAid, FundingApplication, DsSyncCursor, ActivityOutboxEntry, Contact, Resource, ResourceVersionRow, SuggestionRule, SuggestionDiscard];
export const MIGRATIONS = [
  Initial1764331200000,
  AidCache1767000000000,
  FundingApplications1767400000000,
  Library1768400000000,
  Suggestions1768711000000,
  SuggestionRestore1768860000000,
  SuggestionRulePrefilter1768860000001,
];

export interface FundingServer extends ServiceApp {
  /** The process's Aides-Territoires client (its stats and circuit breaker, for tests and the bench). */
  aidesTerritoires: AidesTerritoiresClient;
}

/** Opens the database (migrations) and builds the app. Does not listen. */
export async function createFundingServer(config: FundingConfig, quiet = false): Promise<FundingServer> {
  const client = new AidesTerritoiresClient({ baseUrl: config.aidesTerritoiresUrl, apiKey: config.aidesTerritoiresApiKey });
  let cache: AidCache | null = null;
  // Démarches Simplifiées: built once the database is open; the follow-up and the outbox run in the background.
  let applications: ApplicationServices | null = null;
  let sync: DsSync | null = null;
  const app = await createSubgraph<Context>(
    config,
    {
      name: "funding",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildFundingSchema().schema,
      prepare: async ({ dataSource }, logger) => {
        if (config.mode === "development") {
          const created = await seedDemoLibrary(dataSource);
          if (created > 0) {
            logger.info(`${created} demo resource sheets created`);
            // The engineering aids of Aides-Territoires (the stand-in in a demo), in the background: the library works without them.
            importEngineeringAids(dataSource, client, new Date()).then(
              (report) => logger.info(`engineering aids imported: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped`),
              (error: unknown) => logger.warn(`engineering aids not imported: ${(error as Error).message}`),
            );
          }
        }
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
      createContext: ({ dataSource }, viewer) => {
        if (!applications) throw new Error("funding: a request arrived before prepare() built the application services");
        // One cache per process, over the subgraph's database.
        cache ??= new AidCache(dataSource, client, config.aidesTerritoiresCacheSeconds * 1000);
        return {
          viewer,
          dataSource,
          loaders: createLoaders(dataSource, client, cache),
          aidesTerritoires: client,
          applications: createApplicationContext(dataSource, applications, viewer),
        };
      },
    },
    quiet,
  );
  return Object.assign(app, { aidesTerritoires: client });
}
