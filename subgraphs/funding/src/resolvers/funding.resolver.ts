import { authorize, badInput, connectionType, notFound, PageArgs, type Connection } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FundingKind, FundingOpportunity } from "../types/funding.types";
import { FundedProject, FundingOpportunityFilter, territoryIdsOf } from "../types/project.types";
import { rankedOpportunities, readOpportunityPage, toOpportunity, todayInFrance } from "../services/funding.service";

export const FundingOpportunityConnection = connectionType("FundingOpportunity", FundingOpportunity);

@ArgsType()
class ProjectOpportunityArgs extends PageArgs {
  @Field(() => FundingKind, { nullable: true, description: "Only money, or only engineering (default: both)." })
  kind?: FundingKind;
}

const TERRITORY_ID = /^(COMMUNE:(\d[0-9AB]\d{3})|EPCI:\d{9}|DEPARTEMENT:(\d{2,3}|2[AB])|REGION:\d{2})$/;

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

  @Query(() => FundingOpportunityConnection, {
    nullable: true,
    description:
      "Aids for a collectivité, ranked as on a project (see Project.fundingOpportunities), for analysts and programmes. Null, with an UPSTREAM_UNAVAILABLE error, when Aides-Territoires cannot be reached and nothing is cached.",
  })
  async fundingOpportunities(
    @Arg("filter", () => FundingOpportunityFilter) filter: FundingOpportunityFilter,
    @Args() args: PageArgs,
    @Ctx() context: Context,
  ): Promise<Connection<FundingOpportunity>> {
    authorize(context.viewer, "funding:read");
    const page = readOpportunityPage(args.first, args.after);
    if (!TERRITORY_ID.test(filter.territoryId)) throw badInput(`"${filter.territoryId.slice(0, 60)}" is not a commune, EPCI, département or région id`, "filter.territoryId");
    const themes = filter.themes ?? [];
    const known = new Set(loadThemes().map((t) => t.slug));
    const unknown = themes.find((t) => !known.has(t));
    if (unknown !== undefined) throw badInput(`"${unknown.slice(0, 60)}" is not an Aides-Territoires theme`, "filter.themes");
    return rankedOpportunities({ territoryIds: [filter.territoryId], themes, phase: filter.phase ?? null, kind: filter.kind ?? null }, page, context, todayInFrance());
  }
}

@Resolver(() => FundedProject)
export class ProjectFundingResolver {
  @FieldResolver(() => FundingOpportunityConnection, {
    nullable: true,
    description:
      "Aids from Aides-Territoires that fit the project, best first, each with its score and reasons: available where the carrier and every commune concerned are, for the carrier's kind of collectivité, on the project's themes, at its phase, open calls only. Empty for a project without themes. Null, with an UPSTREAM_UNAVAILABLE error on this field alone, when Aides-Territoires cannot be reached and nothing is cached.",
  })
  @Directive('@requires(fields: "themes phase territory { id } territories { id }")')
  async fundingOpportunities(@Root() project: FundedProject, @Args() args: ProjectOpportunityArgs, @Ctx() context: Context): Promise<Connection<FundingOpportunity>> {
    authorize(context.viewer, "funding:read");
    const page = readOpportunityPage(args.first, args.after);
    if (project.themes.length === 0) return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
    const territoryIds = territoryIdsOf(project);
    return rankedOpportunities({ territoryIds, themes: project.themes, phase: project.phase, kind: args.kind ?? null }, page, context, todayInFrance());
  }
}
