import { authorize, badInput, connectionType, notFound, PageArgs, type Connection } from "@hub/kit";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FundedProject, FundingOpportunity } from "../entities/funding.types";
import { categoriesOfThemes, opportunityConnection, readOpportunityPage, toOpportunity } from "../services/funding.service";

export const FundingOpportunityConnection = connectionType("FundingOpportunity", FundingOpportunity);

@Resolver(() => FundingOpportunity)
export class FundingOpportunityResolver {
  @Query(() => FundingOpportunity, { description: 'One aid by id ("AT:<id>").' })
  async fundingOpportunity(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<FundingOpportunity> {
    authorize(context.viewer, "funding:read");
    const match = /^AT:(\d{1,9})$/.exec(id);
    if (!match) throw badInput(`"${id.slice(0, 60)}" is not a funding opportunity id (expected AT:<number>)`, "id");
    const aid = await context.loaders.aid.load(Number(match[1]));
    if (!aid) throw notFound(`No funding opportunity ${id}`);
    return toOpportunity(aid, context.aidesTerritoires);
  }
}

@Resolver(() => FundedProject)
export class ProjectFundingResolver {
  @FieldResolver(() => FundingOpportunityConnection, {
    description: "Aids from Aides-Territoires matching the project's themes, available where it is (commune, EPCI, département, région, France).",
  })
  @Directive('@requires(fields: "themes territory { id }")')
  async fundingOpportunities(@Root() project: FundedProject, @Args() args: PageArgs, @Ctx() context: Context): Promise<Connection<FundingOpportunity>> {
    authorize(context.viewer, "funding:read");
    const page = readOpportunityPage(args.first, args.after);
    const perimeterId = await context.loaders.perimeter.load(project.territory.id);
    const categorySlugs = categoriesOfThemes(project.themes);
    if (perimeterId === null || categorySlugs.length === 0) {
      return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
    }
    return opportunityConnection(page, (apiPage) => context.loaders.aidSearch.load(JSON.stringify({ perimeterId, categorySlugs, page: apiPage })), context.aidesTerritoires);
  }
}
