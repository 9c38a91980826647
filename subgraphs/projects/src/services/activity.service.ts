import type { EntityManager } from "typeorm";
import { Activity, ActivityKind } from "../entities/activity.entity";

/** Any constant: the key of the advisory lock that orders journal appends. */
const JOURNAL_LOCK = 7_414_001;

export interface NewActivity {
  kind: ActivityKind;
  projectId: string;
  actorId: string | null;
  summary: string;
  payload: Record<string, unknown>;
}

/**
 * Appends one activity in the caller's transaction. Appends are serialised by a
 * transaction-scoped advisory lock, so ids become visible in increasing order and a reader
 * that resumes after its last id never skips one still being committed.
 */
export async function appendActivity(manager: EntityManager, activity: NewActivity): Promise<Activity> {
  await manager.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
  return manager.getRepository(Activity).save(manager.getRepository(Activity).create(activity));
}
