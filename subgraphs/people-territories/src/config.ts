import { int, optional, readSubgraphConfig, str, url, type Env, type SubgraphConfig } from "@hub/kit";

export interface NotificationSettings {
  /** SMTP_URL (smtp://user:pass@host:port, smtps://…): where e-mails go; unset, they are queued, not sent (logged once). */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of notifications. */
  mailFrom: string;
  /** PUBLIC_URL: the address people reach the hub at, for the links in e-mails. */
  publicUrl: string;
  /** PROJECTS_URL: the projects subgraph, whose journal is read. */
  projectsUrl: string;
  /** NOTIFY_POLL_MS: how often the journal is read and the outbox sent (default 5000; 0: notifications off, nothing read or sent). */
  notifyPollMs: number;
  /** NOTIFY_DIGEST_HOUR: the hour (UTC, default 6) daily digests leave. */
  digestHour: number;
}

export type PeopleTerritoriesConfig = SubgraphConfig & NotificationSettings;

/**
 * PEOPLE_TERRITORIES_PORT (4002), PEOPLE_TERRITORIES_DATABASE_URL or DATABASE_URL (database
 * people_territories); for notifications SMTP_URL, MAIL_FROM, PUBLIC_URL, PROJECTS_URL,
 * NOTIFY_POLL_MS and NOTIFY_DIGEST_HOUR.
 */
export function readPeopleTerritoriesConfig(env: Env = process.env): PeopleTerritoriesConfig {
  const config = readSubgraphConfig<NotificationSettings>("PEOPLE_TERRITORIES", "people_territories", 4002, env, () => ({
    smtpUrl: optional("SMTP_URL"),
    mailFrom: str("MAIL_FROM", "Hub des projets de territoire <notifications@hub.local>"),
    publicUrl: url("PUBLIC_URL", "http://localhost:4000"),
    projectsUrl: url("PROJECTS_URL", "http://127.0.0.1:4001/graphql"),
    notifyPollMs: int("NOTIFY_POLL_MS", 5000, 0, 3_600_000),
    digestHour: int("NOTIFY_DIGEST_HOUR", 6, 0, 23),
  }));
  return { ...config, publicUrl: config.publicUrl.replace(/\/+$/, "") };
}
