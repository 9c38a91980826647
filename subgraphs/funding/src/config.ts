import { int, readSubgraphConfig, secret, url, type Env, type SubgraphConfig } from "@hub/kit";

export interface FundingConfig extends SubgraphConfig {
  /** Aides-Territoires API root (AIDES_TERRITOIRES_URL), e.g. https://aides-territoires.beta.gouv.fr. */
  aidesTerritoiresUrl: string;
  /** Aides-Territoires API key (AIDES_TERRITOIRES_API_KEY). */
  aidesTerritoiresApiKey: string;
  /** How long aid searches and aids are served from the cache before a refresh (AIDES_TERRITOIRES_CACHE_SECONDS, default 6 h). */
  aidesTerritoiresCacheSeconds: number;
}

/** FUNDING_PORT (4003), FUNDING_DATABASE_URL or DATABASE_URL (database funding), and the Aides-Territoires API. */
export function readFundingConfig(env: Env = process.env): FundingConfig {
  // The API key is issued by Aides-Territoires (its length is theirs); production only refuses
  // the stand-in's keys published in this repository.
  return readSubgraphConfig("FUNDING", "funding", 4003, env, (mode) => ({
    aidesTerritoiresUrl: url("AIDES_TERRITOIRES_URL"),
    aidesTerritoiresApiKey: secret("AIDES_TERRITOIRES_API_KEY", mode, undefined, 1),
    aidesTerritoiresCacheSeconds: int("AIDES_TERRITOIRES_CACHE_SECONDS", 6 * 3600, 0, 30 * 86_400),
  }));
}
