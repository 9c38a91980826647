import { authorize, badInput } from "@hub/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { PortfolioFigures } from "../rules/portfolio-shape";
import { currentOffset } from "../services/journal-consumer.service";
import { readPortfolio, readPortfolioSeries, type PortfolioQuery } from "../services/portfolio.service";
import { Portfolio, PortfolioFilter, PortfolioInterval, PortfolioSeries, TerritoryWithStats } from "../types/portfolio.types";

@Resolver(() => TerritoryWithStats)
export class PortfolioResolver {
  @FieldResolver(() => Portfolio, {
    nullable: true,
    description: "The portfolio of this territory (reporting). Null, with an error naming the reporting subgraph, when that subgraph cannot answer.",
  })
  stats(@Root() territory: TerritoryWithStats, @Ctx() context: Context): Promise<PortfolioFigures> {
    authorize(context.viewer, "stats:read");
    return context.loaders.stats.load(territory.id);
  }

  @Query(() => Portfolio, { description: "Statistics of the projects a filter selects (no territory: France), current up to `currentAt`." })
  portfolio(
    @Ctx() context: Context,
    @Arg("filter", () => PortfolioFilter, { nullable: true }) filter?: PortfolioFilter,
    @Arg("territoryId", () => ID, { nullable: true, deprecationReason: "Use filter.territoryId." }) territoryId?: string | null,
  ): Promise<PortfolioFigures> {
    return readPortfolio(context.dataSource, context.viewer, withTerritory(filter, territoryId));
  }

  @Query(() => PortfolioSeries, { description: "A portfolio period by period." })
  async portfolioSeries(
    @Ctx() context: Context,
    @Arg("filter", () => PortfolioFilter, { nullable: true }) filter?: PortfolioFilter,
    @Arg("interval", () => PortfolioInterval, { defaultValue: PortfolioInterval.MONTH }) interval: PortfolioInterval = PortfolioInterval.MONTH,
  ): Promise<PortfolioSeries> {
    return { interval, ...(await readPortfolioSeries(context.dataSource, context.viewer, withTerritory(filter, null))) };
  }

  @Mutation(() => String, {
    description: "ANCT national only: empties the portfolio read model and replays the journal from zero, in the background. Returns the cursor it restarts from (`currentAt` grows back from it).",
  })
  async rebuildPortfolio(@Ctx() context: Context): Promise<string> {
    authorize(context.viewer, "stats:rebuild");
    await context.journal.rebuild();
    return currentOffset(context.dataSource.manager);
  }
}

/** The deprecated `territoryId` argument, folded into the filter. */
function withTerritory(filter: PortfolioFilter | undefined, territoryId: string | null | undefined): PortfolioQuery {
  const query: PortfolioQuery = {
    territoryId: filter?.territoryId,
    programme: filter?.programme,
    theme: filter?.theme,
    status: filter?.status,
    phase: filter?.phase,
    from: filter?.from,
    to: filter?.to,
  };
  if (territoryId === undefined || territoryId === null) return query;
  if (query.territoryId && query.territoryId !== territoryId) throw badInput("territoryId and filter.territoryId differ: use filter.territoryId", "territoryId");
  return { ...query, territoryId };
}
