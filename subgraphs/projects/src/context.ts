import type { SubgraphContext } from "@hub/kit";
import type { Loaders } from "./loaders";
import type { JournalFeed } from "./services/journal-feed.service";

export type Context = SubgraphContext<Loaders> & {
  feed: JournalFeed;
  /** Weeks without activity before a reminder where the département set none (REMINDER_WEEKS). */
  reminderDefaultWeeks: number;
};
