import { ProjectPriority, type Project } from "../entities/project.entity";

/**
 * The inbox's order of priorities, written once: the SQL rank that sorts and the rank the
 * cursor carries both come from it (a project without priority comes after them all).
 */
export const PRIORITY_ORDER: readonly ProjectPriority[] = [ProjectPriority.HIGH, ProjectPriority.NORMAL, ProjectPriority.LOW];
/** The rank in SQL, on a query of `project p`. */
export const PRIORITY_RANK = `CASE p.priority ${PRIORITY_ORDER.map((priority, rank) => `WHEN '${priority}' THEN ${rank}`).join(" ")} ELSE ${PRIORITY_ORDER.length} END`;
/** The rank of one project, as its inbox cursor carries it. */
export const priorityRank = (project: Pick<Project, "priority">): number => {
  const rank = project.priority === null ? -1 : PRIORITY_ORDER.indexOf(project.priority);
  return rank === -1 ? PRIORITY_ORDER.length : rank;
};
