import { int, optional, readSubgraphConfig, secret, url, type Env, type Reader, type SubgraphConfig } from "@hub/kit";

export interface GristSettings {
  /** The Grist API root, `https://<host>/api` (GRIST_URL). */
  url: string;
  /** The API key the hub writes with (GRIST_API_KEY). */
  apiKey: string;
}

export interface ReportingConfig extends SubgraphConfig {
  /** The projects subgraph, whose journal it reads (PROJECTS_URL, default http://127.0.0.1:4001/graphql). */
  projectsUrl: string;
  /** How often the consumer looks for new activities besides the live wake-up (REPORTING_POLL_MS, default 5000, 50 to 600000). */
  pollMs: number;
  /** Activities read per page of the journal (REPORTING_JOURNAL_PAGE, default 500, 1 to 500). */
  journalPageSize: number;
  /** Activities projected per transaction, read as pages with the next batch read ahead (REPORTING_JOURNAL_BATCH, default 5000, 1 to 50000). */
  journalBatchSize: number;
  /** The people-territories subgraph, for organisation names in exports (PEOPLE_TERRITORIES_URL, default http://127.0.0.1:4002/graphql). */
  peopleTerritoriesUrl: string;
  /** Where the web app is served, for the links to project fiches in exports (PUBLIC_URL, default http://localhost:4000). */
  publicUrl: string;
  /** Grist, when GRIST_URL is set (then GRIST_API_KEY is required); null: syncToGrist is refused. */
  grist: GristSettings | null;
  /** Seconds between two runs of the scheduled Grist syncs (GRIST_SYNC_SECONDS, default 300; 0: never). */
  gristSyncSeconds: number;
  /** How long syncToGrist waits for its sync before answering with the progress (GRIST_SYNC_WAIT_MS, default 5000; keep it under the gateway's SUBGRAPH_TIMEOUT_MS). */
  gristSyncWaitMs: number;
}

/** GRIST_URL and GRIST_API_KEY together, or neither. No default: a sync goes nowhere unless told where. */
function gristReader(mode: SubgraphConfig["mode"]): Reader<GristSettings | null> {
  return (env, problems) => {
    if (optional("GRIST_URL")(env, problems) === undefined) {
      if (optional("GRIST_API_KEY")(env, problems) !== undefined) problems.push("GRIST_API_KEY is set but GRIST_URL is not");
      return null;
    }
    // The key is issued by Grist (its length is theirs); production refuses the stand-in's.
    return { url: url("GRIST_URL")(env, problems), apiKey: secret("GRIST_API_KEY", mode, undefined, 1)(env, problems) };
  };
}

/** REPORTING_PORT (4004), REPORTING_DATABASE_URL or DATABASE_URL (database reporting), PROJECTS_URL, REPORTING_POLL_MS, REPORTING_JOURNAL_PAGE, REPORTING_JOURNAL_BATCH, PEOPLE_TERRITORIES_URL, PUBLIC_URL, GRIST_*. */
export function readReportingConfig(env: Env = process.env): ReportingConfig {
  return readSubgraphConfig("REPORTING", "reporting", 4004, env, (mode) => ({
    projectsUrl: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql"),
    pollMs: int("REPORTING_POLL_MS", 5000, 50, 600_000),
    journalPageSize: int("REPORTING_JOURNAL_PAGE", 500, 1, 500),
    journalBatchSize: int("REPORTING_JOURNAL_BATCH", 5000, 1, 50_000),
    peopleTerritoriesUrl: url("PEOPLE_TERRITORIES_URL", "http://127.0.0.1:4002/graphql"),
    publicUrl: url("PUBLIC_URL", "http://localhost:4000"),
    grist: gristReader(mode),
    gristSyncSeconds: int("GRIST_SYNC_SECONDS", 300, 0, 86_400),
    gristSyncWaitMs: int("GRIST_SYNC_WAIT_MS", 5000, 0, 600_000),
  }));
}
