import { int, readConfig, readSubgraphConfig, str, type Env, type SubgraphConfig } from "@hub/kit";

export interface ProjectsConfig extends SubgraphConfig {
  /** PROJECTS_DOCUMENTS_DIR: where attached files are stored (default .data/documents, from the working folder). */
  documentsDir: string;
  /** DOCUMENT_MAX_BYTES: the largest file accepted (default 10 MiB). */
  documentMaxBytes: number;
}

/** PROJECTS_PORT (4001), PROJECTS_DATABASE_URL or DATABASE_URL (database projects), documents storage. */
export function readProjectsConfig(env: Env = process.env): ProjectsConfig {
  return {
    ...readSubgraphConfig("PROJECTS", "projects", 4001, env),
    ...readConfig<{ documentsDir: string; documentMaxBytes: number }>(
      { documentsDir: str("PROJECTS_DOCUMENTS_DIR", ".data/documents"), documentMaxBytes: int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, 1, 100 * 1024 * 1024) },
      env,
    ),
  };
}
