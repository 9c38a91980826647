import { authorize, badInput } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { TerritoryStats, TerritoryWithStats } from "../types/stats.types";

/** Brings the projections up to date, then reads one territory's stats through the loader. */
async function statsOf(context: Context, territoryId: string): Promise<TerritoryStats> {
  authorize(context.viewer, "stats:read");
  await context.journal.catchUpQuietly();
  return context.loaders.stats.load(territoryId);
}

@Resolver(() => TerritoryWithStats)
export class TerritoryStatsResolver {
  @FieldResolver(() => TerritoryStats, {
    nullable: true,
    description: "Project counts of this territory (reporting). Null, with an error naming the reporting subgraph, when that subgraph cannot answer.",
  })
  stats(@Root() territory: TerritoryWithStats, @Ctx() context: Context): Promise<TerritoryStats> {
    return statsOf(context, territory.id);
  }

  @Query(() => TerritoryStats, { description: "Portfolio counts of a territory (a commune or any level above)." })
  portfolio(@Arg("territoryId", () => ID) territoryId: string, @Ctx() context: Context): Promise<TerritoryStats> {
    if (!isTerritoryId(territoryId)) throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id`, "territoryId");
    return statsOf(context, territoryId);
  }
}
