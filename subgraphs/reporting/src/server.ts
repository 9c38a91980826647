import { createSubgraph, type Logger, type ServiceApp } from "@hub/kit";
import type { ReportingConfig } from "./config";
import type { Context } from "./context";
import { FundingApplicationFact } from "./entities/funding-application-fact.entity";
import { PortfolioRollup } from "./entities/portfolio-rollup.entity";
import { JournalOffset, ProjectFact } from "./entities/project-fact.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { PortfolioReadModel1767600000000 } from "./migrations/1767600000000-portfolio-read-model";
import { buildReportingSchema } from "./schema";
import { exportRoutes } from "./routes/export.route";
import { JournalConsumer } from "./services/journal-consumer.service";

export const ENTITIES = [ProjectFact, JournalOffset, FundingApplicationFact, PortfolioRollup];
export const MIGRATIONS = [Initial1764331200000, PortfolioReadModel1767600000000];

/** Opens the database (migrations) and builds the app; projections catch up on read. */
export function createReportingServer(config: ReportingConfig, quiet = false): Promise<ServiceApp> {
  let journal: JournalConsumer | null = null;
  let routeLogger: Logger | null = null;
  const prepared = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`reporting: ${what} used before prepare()`);
    return value;
  };
  return createSubgraph<Context>(
    config,
    {
      name: "reporting",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildReportingSchema().schema,
      prepare: ({ dataSource }, logger) => {
        journal = new JournalConsumer(dataSource, config.projectsUrl, config.internalTokenSecret, logger);
        routeLogger = logger;
      },
      createContext: ({ dataSource }, viewer) => {
        return { viewer, dataSource, loaders: createLoaders(dataSource), journal: prepared(journal, "the journal consumer") };
      },
      routes: (app, { dataSource }) =>
        exportRoutes(app, {
          dataSource,
          journal: () => prepared(journal, "the journal consumer"),
          secret: config.internalTokenSecret,
          peopleTerritoriesUrl: config.peopleTerritoriesUrl,
          publicUrl: config.publicUrl,
          logger: prepared(routeLogger, "the logger"),
        }),
    },
    quiet,
  );
}
