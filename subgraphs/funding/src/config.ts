import { readConfig, readSubgraphConfig, str, url, type Env, type SubgraphConfig } from "@hub/kit";

export interface FundingConfig extends SubgraphConfig {
  /** Aides-Territoires API root (AIDES_TERRITOIRES_URL), e.g. https://aides-territoires.beta.gouv.fr. */
  aidesTerritoiresUrl: string;
  /** Aides-Territoires API key (AIDES_TERRITOIRES_API_KEY). */
  aidesTerritoiresApiKey: string;
}

/** FUNDING_PORT (4003), FUNDING_DATABASE_URL or DATABASE_URL (database funding), and the Aides-Territoires API. */
export function readFundingConfig(env: Env = process.env): FundingConfig {
  return {
    ...readSubgraphConfig("FUNDING", "funding", 4003, env),
    ...readConfig<{ aidesTerritoiresUrl: string; aidesTerritoiresApiKey: string }>(
      { aidesTerritoiresUrl: url("AIDES_TERRITOIRES_URL"), aidesTerritoiresApiKey: str("AIDES_TERRITOIRES_API_KEY") },
      env,
    ),
  };
}
