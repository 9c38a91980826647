import { int, readSubgraphConfig, secret, str, url, type Env, type Reader, type SubgraphConfig } from "@hub/kit";
import { DEFAULT_PROCEDURES_FILE, loadProcedures, type Procedure } from "./lib/procedures.config";

export interface FundingConfig extends SubgraphConfig {
  /** Aides-Territoires API root (AIDES_TERRITOIRES_URL), e.g. https://aides-territoires.beta.gouv.fr. */
  aidesTerritoiresUrl: string;
  /** Aides-Territoires API key (AIDES_TERRITOIRES_API_KEY). */
  aidesTerritoiresApiKey: string;
  /** How long aid searches and aids are served from the cache before a refresh (AIDES_TERRITOIRES_CACHE_SECONDS, default 6 h). */
  aidesTerritoiresCacheSeconds: number;
  /** Démarches Simplifiées root (DEMARCHES_SIMPLIFIEES_URL), e.g. https://demarche.numerique.gouv.fr. */
  demarchesSimplifieesUrl: string;
  /** The démarches pre-filled, from DS_PROCEDURES_FILE (default data/procedures.json), validated. */
  procedures: Procedure[];
  /** API v2 tokens by procedure key (DS_API_TOKEN_<KEY>, optional each): with one, dossiers are also synced through the API. */
  dsApiTokens: Record<string, string>;
  /** The projects subgraph (PROJECTS_URL, default http://127.0.0.1:4001/graphql): project data and recordActivity. */
  projectsUrl: string;
  /** Seconds between two follow-ups of the dossiers (DS_SYNC_SECONDS, default 900; 0: only on demand). */
  dsSyncSeconds: number;
  /** Milliseconds between two retries of the activity outbox (ACTIVITY_OUTBOX_INTERVAL_MS, default 5000). */
  outboxIntervalMs: number;
}

const TOKEN_PREFIX = "DS_API_TOKEN_";

/** FUNDING_PORT (4003), FUNDING_DATABASE_URL or DATABASE_URL (database funding), Aides-Territoires, Démarches Simplifiées, PROJECTS_URL. */
export function readFundingConfig(env: Env = process.env): FundingConfig {
  // The API key is issued by Aides-Territoires (its length is theirs); production only refuses
  // the stand-in's keys published in this repository.
  return readSubgraphConfig("FUNDING", "funding", 4003, env, (mode) => ({
    aidesTerritoiresUrl: url("AIDES_TERRITOIRES_URL"),
    aidesTerritoiresApiKey: secret("AIDES_TERRITOIRES_API_KEY", mode, undefined, 1),
    aidesTerritoiresCacheSeconds: int("AIDES_TERRITOIRES_CACHE_SECONDS", 6 * 3600, 0, 30 * 86_400),
    demarchesSimplifieesUrl: url("DEMARCHES_SIMPLIFIEES_URL"),
    procedures: proceduresReader(str("DS_PROCEDURES_FILE", DEFAULT_PROCEDURES_FILE)),
    dsApiTokens: apiTokensReader,
    projectsUrl: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql"),
    dsSyncSeconds: int("DS_SYNC_SECONDS", 900, 0, 86_400),
    outboxIntervalMs: int("ACTIVITY_OUTBOX_INTERVAL_MS", 5000, 50, 3_600_000),
  }));
}

function proceduresReader(file: Reader<string>): Reader<Procedure[]> {
  return (env, problems) => {
    try {
      return loadProcedures(file(env, problems));
    } catch (error) {
      problems.push((error as Error).message);
      return [];
    }
  };
}

/** Every DS_API_TOKEN_<KEY> variable; a key naming no procedure is a problem (a typo would silently disable the sync). */
const apiTokensReader: Reader<Record<string, string>> = (env, problems) => {
  const file = env.DS_PROCEDURES_FILE || DEFAULT_PROCEDURES_FILE;
  let keys: string[] = [];
  try {
    keys = loadProcedures(file).map((p) => p.key);
  } catch {
    // reported by the procedures reader
  }
  const tokens: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(TOKEN_PREFIX) || !value) continue;
    const key = name.slice(TOKEN_PREFIX.length);
    if (keys.length > 0 && !keys.includes(key)) problems.push(`${name} names no procedure of ${file} (known: ${keys.join(", ")})`);
    else tokens[key] = value;
  }
  return tokens;
};
