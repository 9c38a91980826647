import { hasRole, type Viewer } from "@hub/kit";
import { RecommendationVisibility, type Recommendation } from "../entities/recommendation.entity";
import { actorsOf } from "./lifecycle";
import type { ProjectFacts } from "./visibility";

/**
 * Who does what with a project's recommendations, given a project the viewer already sees
 * (`canSeeProject`). The State side (the State agents of its départements, ANCT national agents,
 * the experts of an organisation associated with it) writes, publishes and reads drafts; once
 * published, everyone who sees the project reads it; its collectivité and the State side follow it up.
 */

/** Whether the viewer recommends on this project: the State of its départements, ANCT, or an expert of an associated organisation. */
export function isRecommender(viewer: Viewer, project: ProjectFacts): boolean {
  if (actorsOf(viewer, project).includes("STATE")) return true;
  return hasRole(viewer, "EXPERT") && viewer.organizationId !== null && project.actorOrganizations.includes(viewer.organizationId);
}

/** Drafts are for the State side (and the hub itself); published ones for all who see the project. */
export function canSeeRecommendation(viewer: Viewer, project: ProjectFacts, recommendation: Pick<Recommendation, "visibility">): boolean {
  if (recommendation.visibility === RecommendationVisibility.PUBLISHED) return true;
  return hasRole(viewer, "SERVICE") || isRecommender(viewer, project);
}

/** The collectivité answers; the State side may record where things stand too. */
export function canFollowUp(viewer: Viewer, project: ProjectFacts): boolean {
  return actorsOf(viewer, project).includes("OWNER") || isRecommender(viewer, project);
}

/** Its author, or the State side of the project (who recommends to it), edits or deletes a recommendation. */
export function canEditRecommendation(viewer: Viewer, project: ProjectFacts, recommendation: Pick<Recommendation, "authorId">): boolean {
  return (viewer.personId !== null && recommendation.authorId === viewer.personId) || isRecommender(viewer, project);
}
