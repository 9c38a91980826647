import { authorize, badInput, forbidden, hasRole, isUuid, readPage, toConnection, type Connection, type Page, type PageArgs, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { Project, ProjectStatus } from "../entities/project.entity";
import { priorityRank, PRIORITY_RANK } from "../rules/priority";
import { validateText, validateThemes } from "../rules/project-fields";
import { visibilityCondition } from "../rules/visibility";

export const MAX_PROJECT_PAGE = 100;

export interface ProjectFilterData {
  territoryId?: string | null;
  /** Projects carried by this organisation. */
  ownerId?: string | null;
  /** Projects assigned to this person. */
  assigneeId?: string | null;
  status?: ProjectStatus | null;
  theme?: string | null;
  programme?: string | null;
  search?: string | null;
  /** Submitted before this instant (the age of an intention in an inbox). */
  submittedBefore?: Date | null;
}

/** The keyset of project lists, newest first: creation instant, then id. */
export type ProjectKey = [string, string];
export const isProjectKey = (value: unknown): value is ProjectKey => Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string") && !Number.isNaN(Date.parse(value[0]));
export const projectKeyOf = (p: Project): ProjectKey => [p.createdAt.toISOString(), p.id];

/** Applies a filter to a query on `project p`. */
function applyFilter(query: SelectQueryBuilder<Project>, filter: ProjectFilterData): void {
  if (filter.territoryId) {
    if (!isTerritoryId(filter.territoryId)) {
      throw badInput(`"${filter.territoryId.slice(0, 60)}" is not a territory id`, "filter.territoryId");
    }
    query.andWhere("p.territory_ids @> ARRAY[:territoryId]::text[]", { territoryId: filter.territoryId });
  }
  if (filter.status) query.andWhere("p.status = :status", { status: filter.status });
  if (filter.ownerId) query.andWhere("p.owner_id = :ownerId", { ownerId: filter.ownerId });
  if (filter.assigneeId) {
    if (!isUuid(filter.assigneeId)) return void query.andWhere("false");
    query.andWhere("EXISTS (SELECT 1 FROM project_assignee pa WHERE pa.project_id = p.id AND pa.person_id = :assigneeId)", { assigneeId: filter.assigneeId });
  }
  if (filter.theme) query.andWhere("p.themes @> ARRAY[:theme]::text[]", { theme: validateThemes([filter.theme])[0] });
  if (filter.programme) query.andWhere("p.programmes @> ARRAY[:programme]::text[]", { programme: validateText(filter.programme, "filter.programme", 80, true) });
  if (filter.search) {
    const search = validateText(filter.search, "filter.search", 100, false);
    if (search) query.andWhere("p.title ILIKE :search", { search: `%${search.replace(/[%_\\]/g, "\\$&")}%` });
  }
  if (filter.submittedBefore) query.andWhere("p.submitted_at < :submittedBefore", { submittedBefore: filter.submittedBefore });
}

/** Adds the viewer's visibility (`visibilityCondition`, the SQL form of `canSeeProject`) to a query on `project p`. */
function applyVisibility(query: SelectQueryBuilder<Project>, viewer: Viewer): void {
  const params: unknown[] = [];
  const condition = visibilityCondition(viewer, params);
  // Rename $n placeholders to named parameters for the query builder.
  query.andWhere(
    condition.replace(/\$(\d+)/g, (_m, n: string) => `:visibility${n}`),
    Object.fromEntries(params.map((value, i) => [`visibility${i + 1}`, value])),
  );
}

/**
 * One page of the projects the viewer may read, newest first, as a query on `project p`:
 * `listProjects` runs it, and the relation loaders run it once per parent (LATERAL).
 */
export function projectPageQuery(dataSource: DataSource, viewer: Viewer, page: Page<ProjectKey>, filter: ProjectFilterData): SelectQueryBuilder<Project> {
  const query = dataSource.getRepository(Project).createQueryBuilder("p");
  applyFilter(query, filter);
  applyVisibility(query, viewer);
  if (page.after) {
    query.andWhere("(p.created_at, p.id) < (:afterAt::timestamptz, :afterId::uuid)", { afterAt: page.after[0], afterId: page.after[1] });
  }
  return query.orderBy("p.created_at", "DESC").addOrderBy("p.id", "DESC").limit(page.limit);
}

/** Projects the viewer may read, newest first, with keyset pagination. */
export async function listProjects(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: ProjectFilterData = {}): Promise<Connection<Project>> {
  authorize(viewer, "project:read");
  const page = readPage(args, MAX_PROJECT_PAGE, isProjectKey);
  return toConnection(await projectPageQuery(dataSource, viewer, page, filter).getMany(), page, projectKeyOf);
}

type InboxKey = [number, string, string];
const isInboxKey = (value: unknown): value is InboxKey => Array.isArray(value) && value.length === 3 && typeof value[0] === "number" && typeof value[1] === "string" && typeof value[2] === "string";

/**
 * The State's inbox: submitted and qualified projects of the viewer's départements (all of
 * them for national agents), highest priority first, then the oldest intentions first.
 */
export async function inbox(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: ProjectFilterData = {}): Promise<Connection<Project>> {
  authorize(viewer, "project:write");
  if (!hasRole(viewer, "STATE_AGENT", "ANCT_NATIONAL")) throw forbidden("The inbox is the State's");
  const page = readPage(args, MAX_PROJECT_PAGE, isInboxKey);
  const query = dataSource.getRepository(Project).createQueryBuilder("p").where("p.status IN ('SUBMITTED', 'QUALIFIED')");
  applyFilter(query, { ...filter, status: null });
  if (filter.status) {
    if (filter.status !== ProjectStatus.SUBMITTED && filter.status !== ProjectStatus.QUALIFIED) throw badInput("The inbox holds SUBMITTED and QUALIFIED projects", "filter.status");
    query.andWhere("p.status = :status", { status: filter.status });
  }
  applyVisibility(query, viewer);
  query.addSelect(PRIORITY_RANK, "rank");
  // Projects submitted before submission dates were recorded count from their creation.
  const submitted = "COALESCE(p.submitted_at, p.created_at)";
  if (page.after) {
    query.andWhere(`(${PRIORITY_RANK}, ${submitted}, p.id) > (:rank, :at::timestamptz, :id::uuid)`, { rank: page.after[0], at: page.after[1], id: page.after[2] });
  }
  const rows = await query.orderBy("rank", "ASC").addOrderBy(submitted, "ASC").addOrderBy("p.id", "ASC").limit(page.limit).getMany();
  return toConnection(rows, page, (p): InboxKey => [priorityRank(p), (p.submittedAt ?? p.createdAt).toISOString(), p.id]);
}
