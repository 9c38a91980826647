import type { SubgraphContext } from "@hub/kit";
import type { DocumentStorage } from "./lib/document-storage";
import type { Loaders } from "./loaders";
import type { JournalFeed } from "./services/journal-feed.service";

export type Context = SubgraphContext<Loaders> & {
  feed: JournalFeed;
  /** Where document bytes live (disk or S3), for the mutations that remove them. */
  storage: DocumentStorage;
  /** Weeks without activity before a reminder where the département set none (REMINDER_WEEKS). */
  reminderDefaultWeeks: number;
};
