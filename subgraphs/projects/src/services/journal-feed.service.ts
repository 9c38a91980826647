import { canSeeInternalNotes, PgListener, type Logger, type Viewer } from "@hub/kit";
import type { Activity } from "../entities/activity.entity";
import { JOURNAL_CHANNEL } from "./activity.service";
import { canSeeProject, factsOf } from "../rules/visibility";

/** A journal entry with what deciding its visibility needs. */
export interface FeedEntry extends Activity {
  ownerId: string;
  status: string;
  territoryIds: string[];
  programmes: string[];
  actorOrganizations: string[];
}

const FETCH = `SELECT a.id::text AS id, a.at, a.kind, a.project_id AS "projectId", a.actor_id AS "actorId", a.summary, a.payload, a.internal,
    a.idempotency_key AS "idempotencyKey", p.owner_id AS "ownerId", p.status, p.territory_ids AS "territoryIds", p.programmes,
    COALESCE((SELECT array_agg(x.organization_id) FROM project_actor x WHERE x.project_id = p.id), '{}') AS "actorOrganizations"
  FROM activity a JOIN project p ON p.id = a.project_id WHERE a.id > $1::bigint ORDER BY a.id LIMIT 1000`;

/**
 * The live journal of one replica: a dedicated connection (the kit's PgListener) LISTENs for
 * appends made by any replica (NOTIFY at commit), reads what is new once, and hands it to every
 * subscriber. A slow poll covers a missed notification; a dropped connection is re-opened, then
 * read from.
 */
export class JournalFeed {
  private last = "0";
  private readonly listeners = new Set<(entries: FeedEntry[]) => void>();
  private readonly listener: PgListener;
  private fetching: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    databaseUrl: string,
    private readonly logger: Logger,
    private readonly pollMs = 5000,
  ) {
    this.listener = new PgListener({ databaseUrl, channel: JOURNAL_CHANNEL, logger, name: "journal feed", onNotification: () => this.wake(), onReconnect: () => this.wake() });
  }

  /** The id of the newest entry handed out. */
  get position(): string {
    return this.last;
  }

  async start(): Promise<void> {
    const client = await this.listener.start();
    const { rows } = await client.query<{ last: string }>("SELECT COALESCE(max(id), 0)::text AS last FROM activity");
    this.last = rows[0].last;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  subscribe(listener: (entries: FeedEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.fetching?.catch(() => undefined);
    await this.listener.stop();
  }

  /** Reads new entries; calls made while reading cause one more read. */
  private wake(): void {
    if (this.closed || !this.listener.client) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = this.fetch()
      .catch((error: unknown) => this.logger.warn(`journal feed read failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.fetching = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async fetch(): Promise<void> {
    for (;;) {
      const client = this.listener.client;
      if (!client) return;
      const { rows } = await client.query<FeedEntry>(FETCH, [this.last]);
      if (rows.length === 0) return;
      this.last = rows[rows.length - 1].id;
      for (const listener of this.listeners) listener(rows);
      if (rows.length < 1000) return;
    }
  }
}

/** Whether a subscriber sees an entry: the project (kit policy), and internal notes for the State. */
export function visibleEntry(viewer: Viewer, entry: FeedEntry): boolean {
  if (entry.internal && !canSeeInternalNotes(viewer)) return false;
  return canSeeProject(viewer, factsOf(entry, entry.actorOrganizations));
}
