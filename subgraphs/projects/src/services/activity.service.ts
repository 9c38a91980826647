import type { DataSource, EntityManager } from "typeorm";
import { Activity, ActivityKind, SILENCE_KINDS } from "../entities/activity.entity";

/** Any constant: the key of the advisory lock that orders journal appends. */
const JOURNAL_LOCK = 7_414_001;
/** The NOTIFY channel that wakes every replica's live subscribers (delivered at commit). */
export const JOURNAL_CHANNEL = "hub_activity";

export interface NewActivity {
  kind: ActivityKind;
  projectId: string;
  actorId: string | null;
  summary: string;
  payload: Record<string, unknown>;
  /** About an internal note: State agents only. */
  internal?: boolean;
}

/**
 * Bulk writers that insert activity rows themselves (`npm run seed`) take this lock first and
 * call `notifyJournal` after, like `appendActivity`.
 */
export async function lockJournal(manager: EntityManager): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
}

/** Wakes the live feeds at commit (the payload is a hint: feeds read every id after their last one). */
export async function notifyJournal(manager: EntityManager): Promise<void> {
  await manager.query("SELECT pg_notify($1, (SELECT max(id) FROM activity)::text)", [JOURNAL_CHANNEL]);
}

/**
 * Locks the rows of the projects about to get an activity, before the journal's lock: the
 * trigger `activity_journal_position` updates them (their `journal_position`, the order of
 * `projects(updatedSince:)`), and taking the row locks first, as every writer of a project
 * does, keeps the two locks in one order (no deadlock with a transaction that changed the
 * project and then appends).
 */
async function lockProjectRows(manager: EntityManager, projectIds: string[]): Promise<void> {
  await manager.query("SELECT 1 FROM project WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE", [[...new Set(projectIds)]]);
}

/**
 * Appends one activity in the caller's transaction. Appends are serialised by a
 * transaction-scoped advisory lock, so ids become visible in increasing order and a reader
 * that resumes after its last id never skips one still being committed.
 */
export async function appendActivity(manager: EntityManager, activity: NewActivity): Promise<Activity> {
  await lockProjectRows(manager, [activity.projectId]);
  await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
  const saved = await manager.getRepository(Activity).save(manager.getRepository(Activity).create(activity));
  if (!SILENCE_KINDS.includes(activity.kind)) await reactivate(manager, [activity.projectId]);
  await manager.query("SELECT pg_notify($1, $2)", [JOURNAL_CHANNEL, saved.id]);
  return saved;
}

/** New activity ends a project's inactivity (the flag set after a year, or by hand). */
async function reactivate(manager: EntityManager, projectIds: string[]): Promise<void> {
  await manager.query(`UPDATE project SET inactive_since = NULL, inactive_reason = NULL WHERE id = ANY($1::uuid[]) AND inactive_since IS NOT NULL`, [projectIds]);
}

/**
 * Appends many activities in the caller's transaction, in the order given (ids follow the array), with one statement
 * and one notification (bulk writes: an import's batch). Same lock as `appendActivity`.
 */
export async function appendActivities(manager: EntityManager, activities: NewActivity[]): Promise<void> {
  if (activities.length === 0) return;
  await lockProjectRows(
    manager,
    activities.map((a) => a.projectId),
  );
  await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
  const rows = activities.map((a) => ({ kind: a.kind, project_id: a.projectId, actor_id: a.actorId, summary: a.summary, payload: a.payload, internal: a.internal ?? false }));
  const [last] = await manager.query<{ id: string }[]>(
    `WITH added AS (
       INSERT INTO activity (kind, project_id, actor_id, summary, payload, internal)
       SELECT kind, project_id, actor_id, summary, payload, internal
         FROM jsonb_to_recordset($1::jsonb) AS r(kind text, project_id uuid, actor_id uuid, summary text, payload jsonb, internal boolean)
       RETURNING id)
     SELECT max(id)::text AS id FROM added`,
    [JSON.stringify(rows)],
  );
  await reactivate(manager, [...new Set(activities.filter((a) => !SILENCE_KINDS.includes(a.kind)).map((a) => a.projectId))]);
  await manager.query("SELECT pg_notify($1, $2)", [JOURNAL_CHANNEL, last.id]);
}

/**
 * Records another subgraph's event (funding: an application prepared...). Idempotent: the same
 * key twice records one activity, and the second call returns the first one.
 */
export async function recordExternalActivity(
  dataSource: DataSource,
  input: { projectId: string; summary: string; idempotencyKey: string; payload: Record<string, unknown>; kind?: ActivityKind },
): Promise<Activity> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.getRepository(Activity).findOneBy({ idempotencyKey: input.idempotencyKey });
    if (existing) return existing;
    await lockProjectRows(manager, [input.projectId]);
    await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
    // Another transaction may have recorded the same key while we waited for the lock.
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO activity (kind, project_id, actor_id, summary, payload, idempotency_key)
       VALUES ($1, $2, NULL, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [input.kind ?? ActivityKind.EXTERNAL, input.projectId, input.summary, input.payload, input.idempotencyKey],
    );
    const row = inserted.at(0);
    if (row && !SILENCE_KINDS.includes(input.kind ?? ActivityKind.EXTERNAL)) await reactivate(manager, [input.projectId]);
    if (row) await manager.query("SELECT pg_notify($1, $2)", [JOURNAL_CHANNEL, row.id]);
    const activity = await manager.getRepository(Activity).findOneBy(row ? { id: row.id } : { idempotencyKey: input.idempotencyKey });
    // Inserted just now, or by the transaction that won the conflict on the key: it is there.
    if (!activity) throw new Error(`activity with idempotency key ${input.idempotencyKey} vanished`);
    return activity;
  });
}

/**
 * Appends one activity unless one with the same idempotency key exists (the hub's own scheduled
 * writes: reminders, the inactive flag), in the caller's transaction. Returns whether it was added.
 */
export async function appendActivityOnce(manager: EntityManager, activity: NewActivity, idempotencyKey: string): Promise<boolean> {
  await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO activity (kind, project_id, actor_id, summary, payload, internal, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [activity.kind, activity.projectId, activity.actorId, activity.summary, activity.payload, activity.internal ?? false, idempotencyKey],
  );
  const row = inserted.at(0);
  if (!row) return false;
  if (!SILENCE_KINDS.includes(activity.kind)) await reactivate(manager, [activity.projectId]);
  await manager.query("SELECT pg_notify($1, $2)", [JOURNAL_CHANNEL, row.id]);
  return true;
}
