import { authorize, badInput, isUuid, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import type { DataSource } from "typeorm";
import type { Activity } from "../entities/activity.entity";
import { journalAfter, readJournalCursor } from "./activity-query.service";
import { visibleEntry, type FeedEntry, type JournalFeed } from "./journal-feed.service";

export interface StreamArgs {
  projectId?: string | null;
  territoryId?: string | null;
  after?: string | null;
}

const REPLAY_PAGE = 500;

/**
 * The activities a subscriber sees, in journal order: with `after`, first those it missed
 * (read from the database), then live ones from the feed, with no gap and no duplicate (the
 * feed is joined before the replay, and only ids beyond the last one sent go out). Ends
 * cleanly when the subscriber leaves.
 */
export function activityStream(dataSource: DataSource, feed: JournalFeed, viewer: Viewer, args: StreamArgs): AsyncIterableIterator<Activity> {
  authorize(viewer, "project:read");
  if (args.projectId && !isUuid(args.projectId)) throw badInput("projectId is not a project id", "projectId");
  if (args.territoryId && !isTerritoryId(args.territoryId)) {
    throw badInput("territoryId is not a territory id", "territoryId");
  }
  const start = args.after ? readJournalCursor(args.after) : null;
  const matches = (entry: FeedEntry) =>
    (!args.projectId || entry.projectId === args.projectId) && (!args.territoryId || entry.territoryIds.includes(args.territoryId)) && visibleEntry(viewer, entry);

  const queue: FeedEntry[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  const unsubscribe = feed.subscribe((entries) => {
    for (const entry of entries) if (matches(entry)) queue.push(entry);
    wake?.();
  });

  async function* run(): AsyncGenerator<Activity> {
    try {
      let last = start ?? feed.position;
      if (start !== null) {
        for (;;) {
          const rows = await journalAfter(dataSource, viewer, last, REPLAY_PAGE, { projectId: args.projectId, territoryId: args.territoryId });
          for (const row of rows) {
            last = row.id;
            yield row;
          }
          if (rows.length < REPLAY_PAGE) break;
        }
      }
      while (!closed) {
        const entry = queue.shift();
        if (!entry) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (queue.length > 0 || closed) resolve();
          });
          wake = null;
          continue;
        }
        if (BigInt(entry.id) <= BigInt(last)) continue;
        last = entry.id;
        yield entry;
      }
    } finally {
      unsubscribe();
    }
  }

  const iterator = run();
  return {
    next: () => iterator.next(),
    return: () => {
      closed = true;
      wake?.();
      return iterator.return(undefined);
    },
    throw: (error) => iterator.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
