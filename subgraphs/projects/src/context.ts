import type { SubgraphContext } from "@hub/kit";
import type { DocumentStorage } from "./lib/document-storage";
import type { Loaders } from "./loaders";
import type { JournalFeed } from "./services/journal-feed.service";

/** `storage`: where document bytes live (disk or S3), for the mutations that remove them. */
export type Context = SubgraphContext<Loaders> & { feed: JournalFeed; storage: DocumentStorage };
