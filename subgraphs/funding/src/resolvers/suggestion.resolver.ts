import { authorize, canSeePersonalData } from "@hub/kit";
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Resource } from "../entities/library.entity";
import { SuggestionDiscard, SuggestionRule } from "../entities/suggestion.entity";
import { canRead } from "../services/library.service";
import { createSuggestionRule, deleteSuggestionRule, discardSuggestion, requireRecommender, restoreSuggestion, suggestionsFor, updateSuggestionRule } from "../services/suggestion.service";
import { FundedProject, PersonRef, TerritoryRef, territoryIdsOf } from "../types/project.types";
import { ResourceSuggestion, SuggestionRuleInput } from "../types/suggestion.types";

@Resolver(() => SuggestionRule)
export class SuggestionRuleResolver {
  @Query(() => [SuggestionRule], { description: "The suggestion rules of the library (tags × themes × territory → resources), oldest first." })
  suggestionRules(@Ctx() { viewer, loaders }: Context): Promise<SuggestionRule[]> {
    authorize(viewer, "resource:read");
    return loaders.suggestionRules.load("all");
  }

  @Mutation(() => SuggestionRule, { description: "Writes a suggestion rule (as for sheets: ANCT; State agents within their départements; experts for their organisation)." })
  createSuggestionRule(@Arg("input", () => SuggestionRuleInput) input: SuggestionRuleInput, @Ctx() { dataSource, viewer }: Context): Promise<SuggestionRule> {
    return createSuggestionRule(dataSource, viewer, input, new Date());
  }

  @Mutation(() => SuggestionRule, { description: "Replaces a rule, given the `version` read (CONFLICT when stale)." })
  updateSuggestionRule(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => SuggestionRuleInput) input: SuggestionRuleInput,
    @Ctx() { dataSource, viewer }: Context,
  ): Promise<SuggestionRule> {
    return updateSuggestionRule(dataSource, viewer, id, version, input, new Date());
  }

  @Mutation(() => Boolean, { description: "Deletes a rule, given the `version` read." })
  deleteSuggestionRule(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() { dataSource, viewer }: Context): Promise<boolean> {
    return deleteSuggestionRule(dataSource, viewer, id, version);
  }

  @Mutation(() => SuggestionDiscard, {
    description: "Discards a suggestion for a project (the State side: who, when, why are kept); the resource is no longer suggested to it. To confirm one, `recommend` it instead.",
  })
  discardSuggestion(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("resourceId", () => ID) resourceId: string,
    @Ctx() context: Context,
    @Arg("reason", () => String, { nullable: true }) reason?: string,
  ): Promise<SuggestionDiscard> {
    return discardSuggestion(context, { projectId, resourceId, reason }, new Date());
  }

  @Mutation(() => SuggestionDiscard, {
    description:
      "Restores a discarded suggestion for a project (who may discard it): the discard is kept in the history with who restored it and when, and the resource is suggested again if the rules still call for it. NOT_FOUND when it was not discarded, CONFLICT when already restored.",
  })
  restoreSuggestion(@Arg("projectId", () => ID) projectId: string, @Arg("resourceId", () => ID) resourceId: string, @Ctx() context: Context): Promise<SuggestionDiscard> {
    return restoreSuggestion(context, { projectId, resourceId }, new Date());
  }

  @FieldResolver(() => [TerritoryRef], {
    nullable: true,
    description: "Régions and départements it applies in; empty: all of France. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  territories(@Root() rule: SuggestionRule): TerritoryRef[] {
    return rule.territoryIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [Resource], { description: "The sheets it suggests (those you may read)." })
  async resources(@Root() rule: SuggestionRule, @Ctx() { loaders, viewer }: Context): Promise<Resource[]> {
    const found = await loaders.resource.loadMany(rule.resourceIds);
    return found.flatMap((r) => (r && !(r instanceof Error) && canRead(viewer, r) ? [r] : []));
  }
}

@Resolver(() => SuggestionDiscard)
export class SuggestionDiscardResolver {
  @FieldResolver(() => Resource)
  async resource(@Root() discard: SuggestionDiscard, @Ctx() { loaders }: Context): Promise<Resource> {
    const resource = await loaders.resource.load(discard.resourceId);
    // suggestion_discard.resource_id is a foreign key.
    if (!resource) throw new Error(`discard ${discard.projectId}/${discard.resourceId}: resource not found`);
    return resource;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: "Who discarded it (null for viewers without personal data)." })
  discardedBy(@Root() discard: SuggestionDiscard, @Ctx() { viewer }: Context): PersonRef | null {
    return discard.discardedBy && canSeePersonalData(viewer) ? { id: discard.discardedBy } : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: "Who restored it (null while in force, and for viewers without personal data)." })
  restoredBy(@Root() discard: SuggestionDiscard, @Ctx() { viewer }: Context): PersonRef | null {
    return discard.restoredBy && canSeePersonalData(viewer) ? { id: discard.restoredBy } : null;
  }
}

@Resolver(() => FundedProject)
export class ProjectSuggestionsResolver {
  @FieldResolver(() => [ResourceSuggestion], {
    nullable: true,
    description:
      "Resources of the library the suggestion rules propose for the project (its état des lieux tags, themes, territory), each with why: published, unexpired, applicable where it is, neither recommended to it nor discarded. For the State side (FORBIDDEN for others).",
  })
  @Directive('@requires(fields: "themes territory { id } territories { id } tags recommendedResourceIds")')
  async suggestedResources(@Root() project: FundedProject, @Ctx() context: Context): Promise<ResourceSuggestion[]> {
    await requireRecommender(context, project.id);
    const territoryIds = territoryIdsOf(project);
    const suggestions = await suggestionsFor(context, project.id, { themes: project.themes, tags: project.tags, territoryIds }, project.recommendedResourceIds, new Date());
    return suggestions.map((s) => ({ ...s, matchedTerritories: s.matchedTerritoryIds.map((id) => ({ id })) }));
  }

  @FieldResolver(() => [SuggestionDiscard], {
    nullable: true,
    description: "Suggestions discarded for the project and still discarded, oldest first; with `history`, those restored since too (`restoredAt`). For the State side (FORBIDDEN for others).",
  })
  async discardedSuggestions(
    @Root() project: FundedProject,
    @Ctx() context: Context,
    @Arg("history", () => Boolean, { nullable: true, defaultValue: false, description: "Also the discards restored since." }) history: boolean,
  ): Promise<SuggestionDiscard[]> {
    await requireRecommender(context, project.id);
    const discards = await context.loaders.suggestionDiscards.load(project.id);
    return history ? discards : discards.filter((d) => !d.restoredAt);
  }
}
