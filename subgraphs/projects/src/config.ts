import { int, optional, readConfig, readSubgraphConfig, str, url, type Env, type SubgraphConfig } from "@hub/kit";
import type { S3Options } from "./clients/s3-storage.client";

export interface ProjectsConfig extends SubgraphConfig {
  /**
   * An S3-compatible store for documents, used instead of the disk when PROJECTS_S3_BUCKET is set:
   * PROJECTS_S3_ENDPOINT, PROJECTS_S3_BUCKET, PROJECTS_S3_REGION (default fr-par),
   * PROJECTS_S3_ACCESS_KEY_ID, PROJECTS_S3_SECRET_ACCESS_KEY.
   */
  s3: S3Options | null;
  /** PROJECTS_DOCUMENTS_DIR: where attached files are stored (default .data/documents, from the working folder). */
  documentsDir: string;
  /** DOCUMENT_MAX_BYTES: the largest file accepted (default 10 MiB). */
  documentMaxBytes: number;
  /** IMPORT_MAX_BYTES: the largest import file accepted on POST /imports (default 200 MiB, at most 2 GiB). */
  importMaxBytes: number;
  /** REMINDER_SCAN_MS: how often quiet projects are looked for (reminders, inactive flag; default 1 h; 0: never). */
  reminderScanMs: number;
  /** REMINDER_WEEKS: weeks without activity before a reminder where the département set none (default 6). */
  reminderDefaultWeeks: number;
  /** INACTIVE_AFTER_DAYS: days without activity after which a project is flagged inactive (default 365). */
  inactiveAfterDays: number;
}

/** PROJECTS_PORT (4001), PROJECTS_DATABASE_URL or DATABASE_URL (database projects), documents storage. */
export function readProjectsConfig(env: Env = process.env): ProjectsConfig {
  return {
    ...readSubgraphConfig("PROJECTS", "projects", 4001, env),
    ...readConfig<{ documentsDir: string; documentMaxBytes: number; importMaxBytes: number; reminderScanMs: number; reminderDefaultWeeks: number; inactiveAfterDays: number; s3: S3Options | null }>(
      {
        documentsDir: str("PROJECTS_DOCUMENTS_DIR", ".data/documents"),
        documentMaxBytes: int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, 1, 100 * 1024 * 1024),
        importMaxBytes: int("IMPORT_MAX_BYTES", 200 * 1024 * 1024, 1, 2 * 1024 * 1024 * 1024),
        reminderScanMs: int("REMINDER_SCAN_MS", 3_600_000, 0, 7 * 24 * 3_600_000),
        reminderDefaultWeeks: int("REMINDER_WEEKS", 6, 1, 52),
        inactiveAfterDays: int("INACTIVE_AFTER_DAYS", 365, 1, 3650),
        s3: (e, problems) =>
          optional("PROJECTS_S3_BUCKET")(e, problems)
            ? {
                endpoint: url("PROJECTS_S3_ENDPOINT")(e, problems),
                bucket: str("PROJECTS_S3_BUCKET")(e, problems),
                region: str("PROJECTS_S3_REGION", "fr-par")(e, problems),
                accessKeyId: str("PROJECTS_S3_ACCESS_KEY_ID")(e, problems),
                secretAccessKey: str("PROJECTS_S3_SECRET_ACCESS_KEY")(e, problems),
              }
            : null,
      },
      env,
    ),
  };
}
