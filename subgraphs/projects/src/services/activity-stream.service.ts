import { authorize, badInput, isUuid, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import { Repeater } from "@repeaterjs/repeater";
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
 * feed is joined before the replay, and only ids beyond the last one sent go out). The
 * arguments are checked at once (a bad one is the subscription's error); the feed is joined
 * when the stream is first read, and left when it is returned, even while it waits.
 */
export function activityStream(dataSource: DataSource, feed: JournalFeed, viewer: Viewer, args: StreamArgs): Repeater<Activity, void> {
  authorize(viewer, "project:read");
  if (args.projectId && !isUuid(args.projectId)) throw badInput("projectId is not a project id", "projectId");
  if (args.territoryId && !isTerritoryId(args.territoryId)) {
    throw badInput("territoryId is not a territory id", "territoryId");
  }
  const start = args.after ? readJournalCursor(args.after) : null;
  const matches = (entry: FeedEntry) => (!args.projectId || entry.projectId === args.projectId) && (!args.territoryId || entry.territoryIds.includes(args.territoryId)) && visibleEntry(viewer, entry);

  return new Repeater<Activity, void>(async (push, stop) => {
    // A property, not a local: `stop` sets it from a callback, which TypeScript's narrowing of a
    // local boolean would not see (it would take `stopped` for always false).
    const state = { stopped: false };
    void stop.then(() => (state.stopped = true));
    // Entries arrive in batches from the feed's listener, which must never block nor throw:
    // they wait here, unbounded as before, while the subscriber reads (a Repeater's own push
    // queue refuses more than 1,024 pending values, and dropping one would lose an event).
    const backlog: FeedEntry[] = [];
    let arrived: (() => void) | null = null;
    const unsubscribe = feed.subscribe((entries) => {
      for (const entry of entries) if (matches(entry)) backlog.push(entry);
      arrived?.();
    });
    try {
      let last = start ?? feed.position;
      if (start !== null) {
        for (;;) {
          const rows = await journalAfter(dataSource, viewer, last, REPLAY_PAGE, { projectId: args.projectId, territoryId: args.territoryId });
          for (const row of rows) {
            if (state.stopped) return;
            last = row.id;
            await push(row);
          }
          if (rows.length < REPLAY_PAGE) break;
        }
      }
      while (!state.stopped) {
        const entry = backlog.shift();
        if (!entry) {
          await Promise.race([new Promise<void>((resolve) => (arrived = resolve)), stop]);
          arrived = null;
          continue;
        }
        if (BigInt(entry.id) <= BigInt(last)) continue;
        last = entry.id;
        await push(entry);
      }
    } finally {
      unsubscribe();
    }
  });
}
