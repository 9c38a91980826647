import { authorize, badInput, conflict, forbidden, notFound, type Viewer } from "@hub/kit";
import { isTerritoryId, territoryDepartements } from "@hub/reference";
import type { DataSource } from "typeorm";
import { Project, ProjectStatus } from "../entities/project.entity";
import { mayOpenBoard } from "../rules/board";
import { moveToStatus } from "../rules/lifecycle";
import { departementsOf, visibilityCondition } from "../rules/visibility";
import type { BoardColumn, MoveCardInput, ProjectBoard } from "../types/board.types";
import { requireVisibleProject } from "./project-access.service";
import { applyTransition } from "./project-workflow.service";

/** The board's columns: every status past the draft (a draft is its collectivité's own), in the lifecycle's order. */
export const BOARD_STATUSES = Object.values(ProjectStatus).filter((s) => s !== ProjectStatus.DRAFT);
export const MAX_BOARD_CARDS = 50;

/**
 * The board of a territory: per status, how many projects the viewer sees there (and how many are
 * inactive) and the first `cards` of them, most recently changed first. Two statements whatever
 * the size of the territory: the counts, then the cards of every column at once (a window per status).
 */
export async function projectBoard(dataSource: DataSource, viewer: Viewer, territoryId: string, cards: number): Promise<ProjectBoard> {
  authorize(viewer, "project:board");
  if (!isTerritoryId(territoryId)) throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id`, "territoryId");
  if (!Number.isInteger(cards) || cards < 0 || cards > MAX_BOARD_CARDS) throw badInput(`cards must be 0 to ${MAX_BOARD_CARDS}`, "cards");
  const departements = territoryDepartements(territoryId);
  if (!departements) throw notFound(`No territory ${territoryId}`);
  if (!mayOpenBoard(viewer, departements)) throw forbidden(`${territoryId} is outside your départements`);
  const params: unknown[] = [territoryId];
  const where = `q.territory_ids @> ARRAY[$1]::text[] AND q.status <> 'DRAFT' AND ${visibilityCondition(viewer, params, "q")}`;
  const counts = await dataSource.query<{ status: ProjectStatus; count: number; inactive: number }[]>(
    `SELECT q.status, count(*)::int AS count, (count(*) FILTER (WHERE q.inactive_since IS NOT NULL))::int AS inactive FROM project q WHERE ${where} GROUP BY q.status`,
    params,
  );
  let projects: Project[] = [];
  if (cards > 0 && counts.length > 0) {
    const named = Object.fromEntries(params.map((value, i) => [`b${i + 1}`, value]));
    projects = await dataSource
      .getRepository(Project)
      .createQueryBuilder("p")
      .where(
        `p.id IN (SELECT r.id FROM (SELECT q.id, row_number() OVER (PARTITION BY q.status ORDER BY q.updated_at DESC, q.id) AS rank FROM project q WHERE ${where.replace(/\$(\d+)/g, ":b$1")}) r WHERE r.rank <= :cards)`,
        { ...named, cards },
      )
      .orderBy("p.updated_at", "DESC")
      .addOrderBy("p.id")
      .getMany();
  }
  const columns: BoardColumn[] = BOARD_STATUSES.map((status) => {
    const count = counts.find((c) => c.status === status);
    return { status, count: count?.count ?? 0, inactiveCount: count?.inactive ?? 0, projects: projects.filter((p) => p.status === status) };
  });
  return { territory: { id: territoryId }, totalCount: columns.reduce((sum, c) => sum + c.count, 0), columns };
}

/** Moves a card: the lifecycle step from the project's status to the column's, checked again under the project's lock. */
export async function moveProjectCard(dataSource: DataSource, viewer: Viewer, input: MoveCardInput): Promise<Project> {
  authorize(viewer, "project:write");
  const project = await requireVisibleProject(dataSource, viewer, input.projectId);
  const move = moveToStatus(viewer, { ownerId: project.ownerId, departements: departementsOf(project), status: project.status }, input.to);
  if (!move.ok && move.reason === "FORBIDDEN") throw forbidden(`You may not move this project from ${project.status} to ${input.to}`);
  if (!move.ok) throw conflict(`The lifecycle has no step from ${project.status} to ${input.to}`);
  return applyTransition(dataSource, viewer, { projectId: project.id, transition: move.transition, reason: input.reason, priority: input.priority, assignees: input.assignees });
}
