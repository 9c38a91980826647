import type { SubgraphContext } from "@hub/kit";
import type { Loaders } from "./loaders";
import type { PersonFeed } from "./services/person-feed.service";

export type Context = SubgraphContext<Loaders> & {
  /** The accounts changed, heard from every replica (the `personChanged` subscription). */
  personFeed: PersonFeed;
};
