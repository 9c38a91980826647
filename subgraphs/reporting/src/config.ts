import { readConfig, readSubgraphConfig, url, type Env, type SubgraphConfig } from "@hub/kit";

export interface ReportingConfig extends SubgraphConfig {
  /** The projects subgraph, whose journal it reads (PROJECTS_URL, default http://127.0.0.1:4001/graphql). */
  projectsUrl: string;
}

/** REPORTING_PORT (4004), REPORTING_DATABASE_URL or DATABASE_URL (database reporting), PROJECTS_URL. */
export function readReportingConfig(env: Env = process.env): ReportingConfig {
  return {
    ...readSubgraphConfig("REPORTING", "reporting", 4004, env),
    ...readConfig<{ projectsUrl: string }>({ projectsUrl: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql") }, env),
  };
}
