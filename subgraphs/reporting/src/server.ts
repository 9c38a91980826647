import { createSubgraph, type ServiceApp } from "@hub/kit";
import type { ReportingConfig } from "./config";
import type { Context } from "./context";
import { FundingApplicationFact } from "./entities/funding-application-fact.entity";
import { PortfolioRollup } from "./entities/portfolio-rollup.entity";
import { JournalOffset, ProjectFact } from "./entities/project-fact.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { PortfolioReadModel1767600000000 } from "./migrations/1767600000000-portfolio-read-model";
import { buildReportingSchema } from "./schema";
import { JournalConsumer } from "./services/journal-consumer.service";

export const ENTITIES = [ProjectFact, JournalOffset, FundingApplicationFact, PortfolioRollup];
export const MIGRATIONS = [Initial1764331200000, PortfolioReadModel1767600000000];

/** Opens the database (migrations) and builds the app; projections catch up on read. */
export function createReportingServer(config: ReportingConfig, quiet = false): Promise<ServiceApp> {
  let journal: JournalConsumer | null = null;
  return createSubgraph<Context>(
    config,
    {
      name: "reporting",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildReportingSchema().schema,
      prepare: ({ dataSource }, logger) => {
        journal = new JournalConsumer(dataSource, config.projectsUrl, config.internalTokenSecret, logger);
      },
      createContext: ({ dataSource }, viewer) => {
        if (!journal) throw new Error("reporting: a request before prepare() created the journal consumer");
        return { viewer, dataSource, loaders: createLoaders(dataSource), journal };
      },
    },
    quiet,
  );
}
