import { readSubgraphConfig, type Env, type SubgraphConfig } from "@hub/kit";

export type PeopleTerritoriesConfig = SubgraphConfig;

/** PEOPLE_TERRITORIES_PORT (4002), PEOPLE_TERRITORIES_DATABASE_URL or DATABASE_URL (database people_territories). */
export function readPeopleTerritoriesConfig(env: Env = process.env): PeopleTerritoriesConfig {
  return readSubgraphConfig("PEOPLE_TERRITORIES", "people_territories", 4002, env);
}
