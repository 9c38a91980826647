/**
 * "Où en êtes-vous ?": when a quiet project's collectivité is reminded, and when the project is
 * flagged inactive. Pure: the scan (services/reminder.service.ts) feeds it each open project's last
 * activity and the weeks its départements set.
 */

export const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** Weeks without activity before a reminder, where no département set its own. */
export const DEFAULT_REMINDER_WEEKS = 6;
/** Days without activity after which a project is flagged inactive. */
export const INACTIVE_AFTER_DAYS = 365;

/** The weeks that apply to a project in several départements: the shortest any of them set, else the default. */
export function reminderWeeks(departementSettings: number[], defaultWeeks = DEFAULT_REMINDER_WEEKS): number {
  return departementSettings.length > 0 ? Math.min(...departementSettings) : defaultWeeks;
}

export type QuietVerdict = { kind: "NONE" } | { kind: "REMIND"; period: number; weeksWithoutActivity: number } | { kind: "INACTIVE" };

/**
 * What a project quiet since `lastActivityAt` calls for at `now`: nothing yet, the reminder of
 * period n (one each `weeks` weeks of silence: n = 1 after `weeks` weeks, 2 after twice as
 * many...), or the inactive flag once `inactiveAfterDays` have passed (no more reminders then).
 */
export function quietVerdict(lastActivityAt: Date, now: Date, weeks: number, inactiveAfterDays = INACTIVE_AFTER_DAYS): QuietVerdict {
  const quietMs = now.getTime() - lastActivityAt.getTime();
  if (quietMs >= inactiveAfterDays * DAY_MS) return { kind: "INACTIVE" };
  const period = Math.floor(quietMs / (weeks * WEEK_MS));
  if (period < 1) return { kind: "NONE" };
  return { kind: "REMIND", period, weeksWithoutActivity: Math.floor(quietMs / WEEK_MS) };
}
