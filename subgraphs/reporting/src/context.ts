import type { SubgraphContext } from "@hub/kit";
import type { Loaders } from "./loaders";
import type { GristSyncService } from "./services/grist-sync.service";
import type { JournalConsumer } from "./services/journal-consumer.service";

export type Context = SubgraphContext<Loaders> & { journal: JournalConsumer; grist: GristSyncService };
