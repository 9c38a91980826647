import { ActionDetails, BlockDetails, ExternalDetails, FieldsChangedDetails, StatusChangeDetails, type ActivityDetails } from "../entities/activity-details.types";
import { ActivityKind, type Activity } from "../entities/activity.entity";
import { ActionStatus } from "../entities/action.entity";
import type { ProjectPriority, ProjectStatus } from "../entities/project.entity";

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The typed details of an activity, from its stored payload. */
export function detailsOf(activity: Pick<Activity, "kind" | "payload">): typeof ActivityDetails | null {
  const p = activity.payload ?? {};
  switch (activity.kind) {
    case ActivityKind.STATUS_CHANGED:
    case ActivityKind.ASSIGNED:
      return Object.assign(new StatusChangeDetails(), { from: p.from as ProjectStatus, to: p.to as ProjectStatus, reason: text(p.reason), priority: (p.priority as ProjectPriority | null) ?? null });
    case ActivityKind.PROJECT_UPDATED:
      return Object.assign(new FieldsChangedDetails(), { fields: Array.isArray(p.fields) ? p.fields.map(String) : [] });
    case ActivityKind.BLOCKED:
      return Object.assign(new BlockDetails(), { reason: text(p.reason) });
    case ActivityKind.ACTION_ADDED:
    case ActivityKind.ACTION_STATUS_CHANGED:
      return Object.assign(new ActionDetails(), { actionId: String(p.actionId), previousStatus: actionStatus(p.from), status: actionStatus(p.to) ?? ActionStatus.PROPOSED });
    case ActivityKind.EXTERNAL:
    case ActivityKind.FUNDING_APPLICATION:
      return Object.assign(new ExternalDetails(), { payload: JSON.stringify(p) });
    default:
      return null;
  }
}

/** A status written in an activity's JSON payload, or null when absent (or not one of ours). */
function actionStatus(value: unknown): ActionStatus | null {
  return Object.values(ActionStatus).find((status) => status === value) ?? null;
}
