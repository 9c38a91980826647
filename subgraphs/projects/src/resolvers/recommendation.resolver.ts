import { authorize, badInput, can, notFound, PageArgs } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Project } from "../entities/project.entity";
import { Recommendation, RecommendationFollowUp, RecommendationRead, RecommendationStatus } from "../entities/recommendation.entity";
import { canEditRecommendation, canSeeRecommendation } from "../rules/recommendation";
import { FINAL_STATUSES } from "../rules/lifecycle";
import { factsOf, type ProjectFacts } from "../rules/visibility";
import { visibleProject } from "../services/project-access.service";
import { recommendationPage } from "../services/recommendation-query.service";
import { deleteRecommendation, followUpRecommendation, markRecommendationRead, publishRecommendation, recommend, updateRecommendation } from "../services/recommendation.service";
import { ContactRef, ProjectBlock, RecommendationChangesInput, RecommendationConnection, RecommendInput, ResourceRef } from "../types/recommendation.types";

/** The facts of a project the viewer sees, through the request's loaders. */
async function factsFor({ loaders }: Context, project: Project): Promise<ProjectFacts> {
  return factsOf(
    project,
    (await loaders.actors.load(project.id)).map((a) => a.organizationId),
  );
}

/** A recommendation the viewer sees (its project visible, drafts for the State side), or null. */
export async function visibleRecommendation(context: Context, id: string): Promise<Recommendation | null> {
  const recommendation = await context.loaders.recommendation.load(id);
  if (!recommendation) return null;
  const project = await visibleProject(context.loaders, context.viewer, recommendation.projectId);
  if (!project) return null;
  return canSeeRecommendation(context.viewer, await factsFor(context, project), recommendation) ? recommendation : null;
}

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Query(() => Recommendation, { description: "One recommendation (NOT_FOUND when it does not exist or is not yours to see: drafts are the State side's)." })
  async recommendation(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Recommendation> {
    authorize(context.viewer, "project:read");
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badInput(`"${id.slice(0, 60)}" is not a recommendation id`, "id");
    const recommendation = await visibleRecommendation(context, id);
    if (!recommendation) throw notFound(`No recommendation ${id}`);
    return recommendation;
  }

  @Mutation(() => Recommendation, {
    description: "Recommends a resource of the library or free advice to a project: the State of its département, ANCT, or an expert associated with it. A draft (State side only) unless `publish`.",
  })
  recommend(@Arg("input", () => RecommendInput) input: RecommendInput, @Ctx() { dataSource, viewer }: Context): Promise<Recommendation> {
    return recommend(dataSource, viewer, input);
  }

  @Mutation(() => Recommendation, { description: "Shows a draft recommendation to the collectivité (CONFLICT when already published)." })
  publishRecommendation(@Arg("id", () => ID) id: string, @Ctx() { dataSource, viewer }: Context): Promise<Recommendation> {
    return publishRecommendation(dataSource, viewer, id);
  }

  @Mutation(() => Recommendation, { description: "Answers a published recommendation: the status it is at now, and a comment (the collectivité, or the State side)." })
  followUpRecommendation(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => RecommendationStatus) status: RecommendationStatus,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ): Promise<Recommendation> {
    return followUpRecommendation(dataSource, viewer, { id, status, comment });
  }

  @Mutation(() => Recommendation, { description: "Records that you read the recommendation (the first read counts: who and when, in `readBy`)." })
  markRecommendationRead(@Arg("id", () => ID) id: string, @Ctx() { dataSource, viewer }: Context): Promise<Recommendation> {
    return markRecommendationRead(dataSource, viewer, id);
  }

  @Mutation(() => Recommendation, {
    description:
      "Edits a recommendation (its author or the State side of the project; not once the project is completed or abandoned): only the fields given change. CONFLICT when `version` is not its current one.",
  })
  updateRecommendation(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => RecommendationChangesInput) input: RecommendationChangesInput,
    @Ctx() { dataSource, viewer }: Context,
  ): Promise<Recommendation> {
    return updateRecommendation(dataSource, viewer, id, version, input);
  }

  @Mutation(() => Project, {
    description:
      "Deletes a recommendation (its author or the State side; not once the project is completed or abandoned) and returns its project. Its follow-ups and journal stay: it leaves the lists and reminders.",
  })
  deleteRecommendation(@Arg("id", () => ID) id: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return deleteRecommendation(dataSource, viewer, id);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may edit or delete it now (updateRecommendation, deleteRecommendation): its author or the State side, while the project is open." })
  async viewerCanEdit(@Root() recommendation: Recommendation, @Ctx() context: Context): Promise<boolean> {
    if (!can(context.viewer, "recommendation:write")) return false;
    const project = await context.loaders.project.load(recommendation.projectId);
    if (!project || FINAL_STATUSES.includes(project.status)) return false;
    return canEditRecommendation(context.viewer, await factsFor(context, project), recommendation);
  }

  @FieldResolver(() => ResourceRef, { nullable: true, description: "The resource sheet recommended (null for free advice)." })
  resource(@Root() recommendation: Recommendation): ResourceRef | null {
    return recommendation.resourceId ? { id: recommendation.resourceId } : null;
  }

  @FieldResolver(() => ContactRef, { nullable: true, description: "Who to contact, from the contact book." })
  contact(@Root() recommendation: Recommendation): ContactRef | null {
    return recommendation.contactId ? { id: recommendation.contactId } : null;
  }

  @FieldResolver(() => [RecommendationFollowUp], { description: "Follow-ups, oldest first." })
  followUps(@Root() recommendation: Recommendation, @Ctx() { loaders }: Context): Promise<RecommendationFollowUp[]> {
    return loaders.recommendationFollowUps.load(recommendation.id);
  }

  @FieldResolver(() => [RecommendationRead], { description: "Read receipts: who read it, and when first." })
  readBy(@Root() recommendation: Recommendation, @Ctx() { loaders }: Context): Promise<RecommendationRead[]> {
    return loaders.recommendationReads.load(recommendation.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "Whether you have read it (null for callers who are not a person)." })
  async viewerHasRead(@Root() recommendation: Recommendation, @Ctx() { loaders, viewer }: Context): Promise<boolean | null> {
    if (!viewer.personId) return null;
    return (await loaders.recommendationReads.load(recommendation.id)).some((r) => r.personId === viewer.personId);
  }

  @FieldResolver(() => ProjectBlock, { nullable: true, description: "The block it answers (null when it answers none), even once lifted." })
  async block(@Root() recommendation: Recommendation, @Ctx() { loaders }: Context): Promise<ProjectBlock | null> {
    if (!recommendation.blockActivityId) return null;
    const activity = await loaders.activity.load(recommendation.blockActivityId);
    if (!activity) return null;
    return { projectId: activity.projectId, activityId: activity.id, since: activity.at, reason: typeof activity.payload.reason === "string" ? activity.payload.reason : "" };
  }

  @FieldResolver(() => Project)
  async project(@Root() recommendation: Recommendation, @Ctx() { loaders }: Context): Promise<Project> {
    const project = await loaders.project.load(recommendation.projectId);
    // recommendation.project_id is a foreign key: a missing row is a broken database.
    if (!project) throw new Error(`recommendation ${recommendation.id}: project ${recommendation.projectId} not found`);
    return project;
  }
}

@Resolver(() => Project)
export class ProjectRecommendationsResolver {
  @FieldResolver(() => RecommendationConnection, { description: "Recommendations made to the project, oldest first (drafts for the State side only), with their total count." })
  async recommendations(
    @Root() project: Project,
    @Args() page: PageArgs,
    @Ctx() context: Context,
    @Arg("status", () => RecommendationStatus, { nullable: true }) status?: RecommendationStatus,
  ): Promise<RecommendationConnection> {
    const [all, facts] = await Promise.all([context.loaders.recommendations.load(project.id), factsFor(context, project)]);
    return recommendationPage(all, context.viewer, facts, page, status);
  }

  @FieldResolver(() => ProjectBlock, { nullable: true, description: "Its current block (null when not blocked), with the recommendations that answer it." })
  async block(@Root() project: Project, @Ctx() { loaders }: Context): Promise<ProjectBlock | null> {
    if (project.blockedReason === null) return null;
    return loaders.blocks.load(project.id);
  }
}

@Resolver(() => ProjectBlock)
export class ProjectBlockResolver {
  @FieldResolver(() => [Recommendation], { description: "The recommendations tied to this block that you see, oldest first." })
  async recommendations(@Root() block: ProjectBlock, @Ctx() context: Context): Promise<Recommendation[]> {
    const project = await context.loaders.project.load(block.projectId);
    if (!project) return [];
    const [all, facts] = await Promise.all([context.loaders.recommendations.load(project.id), factsFor(context, project)]);
    return all.filter((r) => r.blockActivityId === block.activityId && canSeeRecommendation(context.viewer, facts, r));
  }
}
