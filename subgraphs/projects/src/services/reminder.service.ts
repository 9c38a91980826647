import { authorize, badInput, conflict, forbidden, hasRole, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { ActivityKind, SILENCE_KINDS } from "../entities/activity.entity";
import { Project, ProjectStatus } from "../entities/project.entity";
import { CLOSED_RECOMMENDATION_STATUSES, RecommendationVisibility } from "../entities/recommendation.entity";
import { ReminderSetting } from "../entities/reminder-setting.entity";
import { actorsOf } from "../rules/lifecycle";
import { DEFAULT_REMINDER_WEEKS, INACTIVE_AFTER_DAYS, quietVerdict, reminderWeeks, WEEK_MS } from "../rules/reminders";
import { departementsOf } from "../rules/visibility";
import { appendActivity, appendActivityOnce } from "./activity.service";
import { lockProject, REASON_MAX } from "./project-workflow.service";

/** Projects that are reminded: submitted and not yet completed or abandoned (a draft is its collectivité's own business). */
const FOLLOWED_STATUSES = [ProjectStatus.SUBMITTED, ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED, ProjectStatus.IN_PROGRESS];

export interface ReminderOptions {
  /** The scan's "now" (tests move it; the schedule passes the clock's). */
  now?: Date;
  defaultWeeks?: number;
  inactiveAfterDays?: number;
}

export interface ReminderScan {
  reminded: number;
  flagged: number;
}

/**
 * The scheduled scan: every followed project quiet for its département's weeks (6 by default)
 * gets a REMINDER_DUE activity, which people-territories turns into an e-mail to its
 * collectivité listing its open recommendations; one quiet for a year is flagged inactive
 * (PROJECT_INACTIVE). Each write carries an idempotency key (project, last activity, period),
 * so that scans by several replicas, or again in the same period, write it once. Neither kind
 * counts as activity: the silence goes on until someone acts.
 */
export async function scanReminders(dataSource: DataSource, options: ReminderOptions = {}): Promise<ReminderScan> {
  const now = options.now ?? new Date();
  const defaultWeeks = options.defaultWeeks ?? DEFAULT_REMINDER_WEEKS;
  const inactiveAfterDays = options.inactiveAfterDays ?? INACTIVE_AFTER_DAYS;
  const settings = new Map((await dataSource.getRepository(ReminderSetting).find()).map((s) => [s.territoryId, s.weeks]));
  const shortest = Math.min(defaultWeeks, ...settings.values());
  const quiet = await dataSource.query<{ id: string; title: string; territory_ids: string[]; last_at: Date; last_id: string }[]>(
    `SELECT p.id, p.title, p.territory_ids, COALESCE(last.at, p.created_at) AS last_at, COALESCE(last.id, 0)::text AS last_id
       FROM project p
       LEFT JOIN LATERAL (SELECT a.id, a.at FROM activity a WHERE a.project_id = p.id AND a.kind <> ALL($1::text[]) ORDER BY a.id DESC LIMIT 1) last ON true
      WHERE p.status = ANY($2::text[]) AND p.inactive_since IS NULL AND COALESCE(last.at, p.created_at) <= $3`,
    [SILENCE_KINDS, FOLLOWED_STATUSES, new Date(now.getTime() - shortest * WEEK_MS)],
  );
  const scan: ReminderScan = { reminded: 0, flagged: 0 };
  for (const project of quiet) {
    const weeks = reminderWeeks(
      project.territory_ids.flatMap((id) => settings.get(id) ?? []),
      defaultWeeks,
    );
    const verdict = quietVerdict(new Date(project.last_at), now, weeks, inactiveAfterDays);
    if (verdict.kind === "REMIND") {
      const added = await dataSource.transaction(async (manager) => {
        const open = await manager.query<{ id: string; title: string; status: string; deadline: string | null }[]>(
          `SELECT id, title, status, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM recommendation
            WHERE project_id = $1 AND deleted_at IS NULL AND visibility = $2 AND status <> ALL($3::text[]) ORDER BY created_at, id`,
          [project.id, RecommendationVisibility.PUBLISHED, CLOSED_RECOMMENDATION_STATUSES],
        );
        return appendActivityOnce(
          manager,
          {
            kind: ActivityKind.REMINDER_DUE,
            projectId: project.id,
            actorId: null,
            summary: `Où en êtes-vous ? Aucune activité sur « ${project.title} » depuis ${verdict.weeksWithoutActivity} semaines`,
            payload: { weeks, weeksWithoutActivity: verdict.weeksWithoutActivity, period: verdict.period, lastActivityId: project.last_id, openRecommendations: open },
          },
          `reminder:${project.id}:${project.last_id}:${verdict.period}`,
        );
      });
      if (added) scan.reminded++;
    } else if (verdict.kind === "INACTIVE") {
      const flagged = await dataSource.transaction(async (manager) => {
        const reason = "Aucune activité depuis un an";
        const updated = await manager.query<{ id: string }[]>(`UPDATE project SET inactive_since = $2, inactive_reason = $3 WHERE id = $1 AND inactive_since IS NULL RETURNING id`, [
          project.id,
          now,
          reason,
        ]);
        if (updated.length === 0) return false;
        return appendActivityOnce(
          manager,
          { kind: ActivityKind.PROJECT_INACTIVE, projectId: project.id, actorId: null, summary: `Projet « ${project.title} » inactif : ${reason.toLowerCase()}`, payload: { reason, automatic: true } },
          `inactive:${project.id}:${project.last_id}`,
        );
      });
      if (flagged) scan.flagged++;
    }
  }
  return scan;
}

/** Flags a project inactive by hand, with a reason (the State of its départements, ANCT); new activity ends it. */
export async function markProjectInactive(dataSource: DataSource, viewer: Viewer, id: string, reasonText: string): Promise<Project> {
  authorize(viewer, "reminder:configure");
  const reason = reasonText.trim();
  if (reason === "" || reason.length > REASON_MAX) throw badInput(`reason must be 1 to ${REASON_MAX} characters`, "reason");
  return dataSource.transaction(async (manager) => {
    const project = await lockProject(manager, viewer, id);
    if (!actorsOf(viewer, { ownerId: project.ownerId, departements: departementsOf(project) }).includes("STATE")) throw forbidden("Only the State of its département flags a project inactive");
    if (project.inactiveSince !== null) throw conflict("The project is already flagged inactive");
    project.inactiveSince = new Date();
    project.inactiveReason = reason;
    await manager.query(`UPDATE project SET inactive_since = $2, inactive_reason = $3 WHERE id = $1`, [project.id, project.inactiveSince, reason]);
    await appendActivity(manager, {
      kind: ActivityKind.PROJECT_INACTIVE,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Projet « ${project.title} » marqué inactif : ${reason}`,
      payload: { reason, automatic: false },
    });
    return project;
  });
}

/** Where the weeks before a reminder are set: a département ("DEPARTEMENT:63"). */
function departementOf(territoryId: string): string {
  const match = /^DEPARTEMENT:([0-9AB]{2,3})$/.exec(territoryId);
  if (!match) throw badInput(`"${territoryId.slice(0, 60)}" is not a département id (DEPARTEMENT:<code>)`, "territoryId");
  return match[1];
}

/** The weeks without activity before a reminder in a département (its own setting, else the default). */
export async function reminderWeeksOf(dataSource: DataSource, viewer: Viewer, territoryId: string, defaultWeeks = DEFAULT_REMINDER_WEEKS): Promise<number> {
  authorize(viewer, "project:read");
  departementOf(territoryId);
  const setting = await dataSource.getRepository(ReminderSetting).findOneBy({ territoryId });
  return setting?.weeks ?? defaultWeeks;
}

/** Sets a département's weeks before a reminder (1 to 52), or back to the default with null: its State agents, ANCT. */
export async function setReminderWeeks(dataSource: DataSource, viewer: Viewer, territoryId: string, weeks: number | null, defaultWeeks = DEFAULT_REMINDER_WEEKS): Promise<number> {
  authorize(viewer, "reminder:configure");
  const code = departementOf(territoryId);
  if (!hasRole(viewer, "ANCT_NATIONAL") && !viewer.departements.includes(code)) throw forbidden("Only the State of this département (or ANCT) sets its reminders");
  if (weeks === null) {
    await dataSource.getRepository(ReminderSetting).delete({ territoryId });
    return defaultWeeks;
  }
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw badInput("weeks must be 1 to 52", "weeks");
  await dataSource.getRepository(ReminderSetting).upsert({ territoryId, weeks, updatedBy: viewer.personId, updatedAt: new Date() }, ["territoryId"]);
  return weeks;
}
