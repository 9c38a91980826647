import { callSubgraph, SERVICE_VIEWER, type Logger } from "@hub/kit";
import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";

const RECORD_ACTIVITY = `mutation FundingRecordActivity($input: RecordActivityInput!) {
  recordActivity(input: $input) { id }
}`;

export interface OutboxActivity {
  projectId: string;
  summary: string;
  payload: Record<string, unknown>;
}

/** Writes an activity to the outbox in the caller's transaction (the same one as the change it reports). */
export async function enqueueActivity(manager: EntityManager, activity: OutboxActivity): Promise<void> {
  await manager.query(`INSERT INTO activity_outbox (project_id, summary, payload, idempotency_key) VALUES ($1, $2, $3, $4)`, [
    activity.projectId,
    activity.summary,
    activity.payload,
    `funding:${randomUUID()}`,
  ]);
}

export interface OutboxOptions {
  /** How often pending entries are retried when nothing wakes the deliverer (default 5 s). */
  intervalMs?: number;
  /** Longest wait between two attempts of one entry (backoff doubles up to it; default 5 min). */
  maxBackoffMs?: number;
}

/**
 * Delivers the outbox to the projects subgraph's `recordActivity`, oldest first, until
 * acknowledged: while projects is down entries wait, with a growing backoff, and nothing is
 * lost. Rows are claimed with SKIP LOCKED, so several replicas never send one twice at once,
 * and the idempotency key makes a repeat after a lost answer harmless.
 */
export class ActivityOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projectsUrl: string,
    private readonly secret: string,
    private readonly logger: Logger,
    options: OutboxOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.kick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Delivers what is due now; concurrent calls share one run (and ask for one more after it). Never rejects: failures are logged. */
  kick(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.deliverDue().catch((error: unknown) => {
      this.logger.warn(`activity outbox: delivery stopped: ${(error as Error).message}`);
      return 0;
    });
    this.running = run.finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  /** Sends every due entry in order; stops at the first failure (projects is likely down). Returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string; project_id: string; summary: string; payload: Record<string, unknown>; idempotency_key: string; attempts: number }[]>(
          `SELECT id, project_id, summary, payload, idempotency_key, attempts FROM activity_outbox
           WHERE delivered_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        const entry = rows.at(0);
        if (!entry) return null;
        try {
          await callSubgraph(this.projectsUrl, this.secret, SERVICE_VIEWER, RECORD_ACTIVITY, {
            input: { projectId: entry.project_id, summary: entry.summary, idempotencyKey: entry.idempotency_key, payload: JSON.stringify(entry.payload), kind: "FUNDING_APPLICATION" },
          });
          await manager.query(`UPDATE activity_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [entry.id]);
          return true;
        } catch (error) {
          const backoff = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(entry.attempts, 20));
          await manager.query(`UPDATE activity_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`, [
            entry.id,
            (error as Error).message.slice(0, 500),
            backoff,
          ]);
          this.logger.warn(`activity outbox: entry ${entry.id} not delivered (attempt ${entry.attempts + 1}), retry in ${backoff} ms: ${(error as Error).message}`);
          return false;
        }
      });
      if (sent !== true) return delivered;
      delivered++;
    }
  }
}
