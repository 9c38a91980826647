import { createSubgraph, type Logger, type ServiceApp } from "@hub/kit";
import { GristClient } from "./clients/grist.client";
import type { ReportingConfig } from "./config";
import type { Context } from "./context";
import { FundingApplicationFact } from "./entities/funding-application-fact.entity";
import { GristSync } from "./entities/grist-sync.entity";
import { PortfolioHistogram } from "./entities/portfolio-histogram.entity";
import { PortfolioRollup } from "./entities/portfolio-rollup.entity";
import { PortfolioSummary } from "./entities/portfolio-summary.entity";
import { JournalOffset, ProjectFact } from "./entities/project-fact.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { PortfolioReadModel1767600000000 } from "./migrations/1767600000000-portfolio-read-model";
import { RollupStorage1767610000000 } from "./migrations/1767610000000-rollup-storage";
import { GristSync1767700000000 } from "./migrations/1767700000000-grist-sync";
import { FactFilterIndexes1767800000000 } from "./migrations/1767800000000-fact-filter-indexes";
import { PortfolioHistograms1768000000000 } from "./migrations/1768000000000-portfolio-histograms";
import { ParisTime1768850000000 } from "./migrations/1768850000000-paris-time";
import { PortfolioSummary1768860000000 } from "./migrations/1768860000000-portfolio-summary";
import { DraftActorIndex1768870000000 } from "./migrations/1768870000000-draft-actor-index";
import { exportRoutes } from "./routes/export.route";
import { buildReportingSchema } from "./schema";
import { ActivityWake } from "./services/activity-wake.service";
import { GristSyncService } from "./services/grist-sync.service";
import { JournalConsumer } from "./services/journal-consumer.service";

export const ENTITIES = [ProjectFact, JournalOffset, FundingApplicationFact, PortfolioRollup, PortfolioHistogram, PortfolioSummary, GristSync];
export const MIGRATIONS = [
  Initial1764331200000,
  PortfolioReadModel1767600000000,
  RollupStorage1767610000000,
  GristSync1767700000000,
  FactFilterIndexes1767800000000,
  PortfolioHistograms1768000000000,
  ParisTime1768850000000,
  PortfolioSummary1768860000000,
  DraftActorIndex1768870000000,
];

/**
 * Opens the database (migrations) and builds the app; the journal consumer and its wake-up run
 * in the background from start to close; scheduled Grist syncs run every GRIST_SYNC_SECONDS.
 */
export function createReportingServer(config: ReportingConfig, quiet = false): Promise<ServiceApp> {
  let services: { journal: JournalConsumer; wake: ActivityWake; grist: GristSyncService; logger: Logger } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let run: Promise<void> = Promise.resolve();
  const prepared = () => {
    if (!services) throw new Error("reporting: used before prepare() created its services");
    return services;
  };
  return createSubgraph<Context>(
    config,
    {
      name: "reporting",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildReportingSchema().schema,
      prepare: ({ dataSource }, logger) => {
        const journal = new JournalConsumer(dataSource, config.projectsUrl, config.internalTokenSecret, logger, {
          pollMs: config.pollMs,
          pageSize: config.journalPageSize,
          batchSize: config.journalBatchSize,
        });
        journal.start();
        const wake = new ActivityWake(config.projectsUrl, config.internalTokenSecret, () => void journal.kick(), logger);
        wake.start();
        const grist = new GristSyncService({
          dataSource,
          client: config.grist ? new GristClient({ baseUrl: config.grist.url, apiKey: config.grist.apiKey }) : null,
          peopleTerritoriesUrl: config.peopleTerritoriesUrl,
          secret: config.internalTokenSecret,
          publicUrl: config.publicUrl,
          logger,
          waitMs: config.gristSyncWaitMs,
        });
        services = { journal, wake, grist, logger };
        if (config.grist && config.gristSyncSeconds > 0) {
          // One run at a time in this process; a run longer than the interval delays the next.
          timer = setInterval(() => {
            run = run
              .then(() => grist.runScheduled())
              .catch((error: unknown) => {
                logger.warn(`scheduled grist syncs failed: ${(error as Error).message}`);
              });
          }, config.gristSyncSeconds * 1000);
          timer.unref();
        }
      },
      createContext: ({ dataSource }, viewer) => ({ viewer, dataSource, loaders: createLoaders(dataSource, viewer), journal: prepared().journal, grist: prepared().grist }),
      routes: (app, { dataSource }) =>
        exportRoutes(app, {
          dataSource,
          secret: config.internalTokenSecret,
          peopleTerritoriesUrl: config.peopleTerritoriesUrl,
          publicUrl: config.publicUrl,
          logger: prepared().logger,
        }),
      onClose: async () => {
        if (timer) clearInterval(timer);
        await run;
        await services?.grist.drain();
        await services?.wake.stop();
        await services?.journal.stop();
      },
    },
    quiet,
  );
}
