import type { ActivityEntry } from './project-fiche-query';

/** Journal ids are increasing integers (as strings, beyond 2^53 possibly): compare them as numbers. */
export function compareActivityIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The least of several journal cursors (the one the least current of several figures is at; null: none says). */
export function oldestCursor(cursors: readonly (string | null | undefined)[]): string | null {
  return cursors.reduce<string | null>((min, cursor) => (cursor == null ? min : min === null || compareActivityIds(cursor, min) < 0 ? cursor : min), null);
}

/** The greater of two journal cursors (null: none yet). */
export function newestCursor(a: string | null, b: string): string {
  return a === null || compareActivityIds(a, b) < 0 ? b : a;
}

/** The entries of several lists, each id once (the first seen), oldest first. */
export function mergeJournal(...lists: readonly (readonly ActivityEntry[])[]): ActivityEntry[] {
  const byId = new Map<string, ActivityEntry>();
  for (const list of lists) for (const entry of list) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => compareActivityIds(a.id, b.id));
}

/** The id to resume the journal after: the newest one shown, or "0" for an empty journal. */
export function lastActivityId(entries: readonly ActivityEntry[]): string {
  return entries.reduce((last, entry) => (compareActivityIds(entry.id, last) > 0 ? entry.id : last), '0');
}
