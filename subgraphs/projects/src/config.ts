import { readSubgraphConfig, type Env, type SubgraphConfig } from "@hub/kit";

export type ProjectsConfig = SubgraphConfig;

/** PROJECTS_PORT (4001), PROJECTS_DATABASE_URL or DATABASE_URL (database projects). */
export function readProjectsConfig(env: Env = process.env): ProjectsConfig {
  return readSubgraphConfig("PROJECTS", "projects", 4001, env);
}
