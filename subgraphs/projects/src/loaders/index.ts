import { groupLoader, isUuid, PagedRelationLoader, RelationCountLoader, rowLoader, type Page, type Viewer } from "@hub/kit";
import { ProjectAction } from "../entities/action.entity";
import { Activity } from "../entities/activity.entity";
import { Document } from "../entities/document.entity";
import { Comment } from "../entities/comment.entity";
import { countProjectJournals, projectJournals } from "../services/activity-query.service";
import { countComments, fetchComments, type CommentKey } from "../services/comment.service";
import { unreadCounts } from "../services/read-mark.service";
import { countRelatedProjects, fetchRelatedProjects, type ProjectRelation, type RelatedProject } from "../services/related-projects.service";
import { In, type DataSource } from "typeorm";
import { ProjectActor, ProjectAssignee } from "../entities/participants.entity";
import { Project } from "../entities/project.entity";
import { Recommendation, RecommendationFollowUp, RecommendationRead } from "../entities/recommendation.entity";
import { Questionnaire, QuestionnaireResponse, QuestionnaireVersion } from "../entities/questionnaire.entity";
import { currentBlocks } from "../services/recommendation-query.service";

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request DataLoaders of this subgraph: one SQL statement per batch. */
export function createLoaders(dataSource: DataSource, viewer: Viewer) {
  const personId = viewer.personId;
  /** A page of each parent's projects (the same filter, visibility and order as `projects`). */
  const relatedProjects = (relation: ProjectRelation) =>
    new PagedRelationLoader<string, RelatedProject>(
      (parents, pageKey) => fetchRelatedProjects(dataSource, viewer, relation, parents, pageKey),
      (r) => r.parent,
    );
  /** How many projects each parent holds (the `totalCount` of those pages), for parents with the same filter. */
  const relatedCounts = (relation: ProjectRelation) => new RelationCountLoader<string>((parents, countKey) => countRelatedProjects(dataSource, viewer, relation, parents, countKey));
  return {
    territoryProjects: relatedProjects("territory"),
    territoryProjectsCount: relatedCounts("territory"),
    organizationProjects: relatedProjects("owner"),
    organizationProjectsCount: relatedCounts("owner"),
    assignedProjects: relatedProjects("assignee"),
    assignedProjectsCount: relatedCounts("assignee"),
    project: rowLoader<string, Project>(
      (ids) => dataSource.getRepository(Project).findBy({ id: In(ids.filter(isUuid)) }),
      (p) => p.id,
    ),
    /** By id, for references from people-territories (who wrote, did or uploaded it). */
    activity: rowLoader<string, Activity>(
      (ids) => dataSource.getRepository(Activity).findBy({ id: In(ids.filter((id) => /^\d{1,18}$/.test(id))) }),
      (a) => a.id,
    ),
    comment: rowLoader<string, Comment>(
      (ids) => dataSource.getRepository(Comment).findBy({ id: In(ids.filter(isUuid)) }),
      (c) => c.id,
    ),
    document: rowLoader<string, Document>(
      (ids) => dataSource.getRepository(Document).findBy({ id: In(ids.filter(isUuid)) }),
      (d) => d.id,
    ),
    /** A page of each project's journal (the viewer's internal-note rule applies). */
    journals: new PagedRelationLoader<string, Activity>(
      (ids, pageKey) => {
        const { after, limit } = JSON.parse(pageKey) as { after: string; limit: number };
        return projectJournals(dataSource, viewer, ids, after, limit);
      },
      (a) => a.projectId,
    ),
    /** How many entries each project's journal holds (its `totalCount`). */
    journalCounts: new RelationCountLoader<string>((ids) => countProjectJournals(dataSource, viewer, ids)),
    /** How many messages each project's conversation holds (its `totalCount`). */
    commentCounts: new RelationCountLoader<string>((ids) => countComments(dataSource, viewer, ids)),
    /** A page of each project's conversation. */
    comments: new PagedRelationLoader<string, Comment>(
      (ids, pageKey) => fetchComments(dataSource, viewer, ids, JSON.parse(pageKey) as Page<CommentKey>),
      (c) => c.projectId,
    ),
    actions: groupLoader<string, ProjectAction>(
      (ids) => dataSource.getRepository(ProjectAction).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC" } }),
      (a) => a.projectId,
    ),
    documents: groupLoader<string, Document>(
      (ids) => dataSource.getRepository(Document).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC" } }),
      (d) => d.projectId,
    ),
    actors: groupLoader<string, ProjectActor>(
      (ids) => dataSource.getRepository(ProjectActor).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { addedAt: "ASC" } }),
      (a) => a.projectId,
    ),
    /** The viewer's unread count of each project (null for callers who are not a person). */
    unreadCounts: personId
      ? rowLoader(
          (ids: readonly string[]) => unreadCounts(dataSource, { ...viewer, personId }, ids),
          (r) => r.projectId,
        )
      : null,
    /** Every recommendation of each project, oldest first (the resolvers apply the draft rule). */
    recommendations: groupLoader<string, Recommendation>(
      (ids) => dataSource.getRepository(Recommendation).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC", id: "ASC" } }),
      (r) => r.projectId,
    ),
    recommendation: rowLoader<string, Recommendation>(
      (ids) => dataSource.getRepository(Recommendation).findBy({ id: In(ids.filter(isUuid)) }),
      (r) => r.id,
    ),
    recommendationFollowUps: groupLoader<string, RecommendationFollowUp>(
      (ids) => dataSource.getRepository(RecommendationFollowUp).find({ where: { recommendationId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC", id: "ASC" } }),
      (f) => f.recommendationId,
    ),
    recommendationReads: groupLoader<string, RecommendationRead>(
      (ids) => dataSource.getRepository(RecommendationRead).find({ where: { recommendationId: In(ids.filter(isUuid)) }, order: { readAt: "ASC" } }),
      (r) => r.recommendationId,
    ),
    /** The current block of each blocked project (its latest BLOCKED activity). */
    blocks: rowLoader(
      (ids: readonly string[]) => currentBlocks(dataSource, ids.filter(isUuid)),
      (b) => b.projectId,
    ),
    /** Every questionnaire, by theme (one key, "all": a few rows). */
    questionnaires: groupLoader<string, Questionnaire>(
      () => dataSource.getRepository(Questionnaire).find({ order: { theme: "ASC" } }),
      () => "all",
    ),
    /** Each questionnaire's versions, latest first. */
    questionnaireVersions: groupLoader<string, QuestionnaireVersion>(
      (ids) => dataSource.getRepository(QuestionnaireVersion).find({ where: { questionnaireId: In(ids.filter(isUuid)) }, order: { version: "DESC" } }),
      (v) => v.questionnaireId,
    ),
    /** Each project's answers to questionnaires, every version answered, oldest first. */
    questionnaireResponses: groupLoader<string, QuestionnaireResponse>(
      (ids) => dataSource.getRepository(QuestionnaireResponse).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC", id: "ASC" } }),
      (r) => r.projectId,
    ),
    assignees: groupLoader<string, ProjectAssignee>(
      (ids) => dataSource.getRepository(ProjectAssignee).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { assignedAt: "ASC" } }),
      (a) => a.projectId,
    ),
  };
}
