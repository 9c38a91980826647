import { int, readConfig, readSubgraphConfig, url, type Env, type SubgraphConfig } from "@hub/kit";

export interface ReportingConfig extends SubgraphConfig {
  /** The projects subgraph, whose journal it reads (PROJECTS_URL, default http://127.0.0.1:4001/graphql). */
  projectsUrl: string;
  /** How often the consumer looks for new activities besides the live wake-up (REPORTING_POLL_MS, default 5000, 50 to 600000). */
  pollMs: number;
  /** Activities read per page of the journal (REPORTING_JOURNAL_PAGE, default 500, 1 to 500). */
  journalPageSize: number;
}

/** REPORTING_PORT (4004), REPORTING_DATABASE_URL or DATABASE_URL (database reporting), PROJECTS_URL, REPORTING_POLL_MS, REPORTING_JOURNAL_PAGE. */
export function readReportingConfig(env: Env = process.env): ReportingConfig {
  return {
    ...readSubgraphConfig("REPORTING", "reporting", 4004, env),
    ...readConfig<{ projectsUrl: string; pollMs: number; journalPageSize: number }>(
      {
        projectsUrl: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql"),
        pollMs: int("REPORTING_POLL_MS", 5000, 50, 600_000),
        journalPageSize: int("REPORTING_JOURNAL_PAGE", 500, 1, 500),
      },
      env,
    ),
  };
}
