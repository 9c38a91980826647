import { authorize, badInput, countOf, forbidden, hasRole, isUuid, readPage, toConnection, type Connection, type Page, type PageArgs, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { Project, ProjectStatus } from "../entities/project.entity";
import { priorityRank, PRIORITY_RANK } from "../rules/priority";
import {
  cursorOf,
  DEFAULT_PROJECT_ORDER,
  isProjectCursor,
  keyOfCursor,
  orderOf,
  sortOf,
  SYNC_SORT,
  type OrderKey,
  type ProjectCursor,
  type ProjectOrderField,
  type ProjectSort,
  type SortDirection,
} from "../rules/project-order";
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
  /** Instants ranges: `from` included, `to` excluded. */
  created?: DateRangeData | null;
  updated?: DateRangeData | null;
  submitted?: DateRangeData | null;
}

/** A range of instants; JSON page keys carry them as ISO strings. */
export interface DateRangeData {
  from?: Date | string | null;
  to?: Date | string | null;
}

/** The columns the filter's ranges apply to. */
const RANGE_COLUMNS = { created: "p.created_at", updated: "p.updated_at", submitted: "p.submitted_at" } as const;

/** A given instant as a Date, null when not given; BAD_USER_INPUT when it is not an instant. */
function instantOf(value: Date | string | null | undefined, field: string): Date | null {
  if (value === null || value === undefined) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw badInput(`${field} is not an instant (ISO 8601, e.g. 2026-01-31T00:00:00Z)`, field);
  return instant;
}

function applyRanges(query: SelectQueryBuilder<Project>, filter: ProjectFilterData): void {
  for (const [name, column] of Object.entries(RANGE_COLUMNS) as [keyof typeof RANGE_COLUMNS, string][]) {
    const range = filter[name];
    if (!range) continue;
    const from = instantOf(range.from, `filter.${name}.from`);
    const to = instantOf(range.to, `filter.${name}.to`);
    if (from && to && from.getTime() >= to.getTime()) throw badInput(`filter.${name}: from must be before to`, `filter.${name}`);
    if (from) query.andWhere(`${column} >= :${name}From::timestamptz`, { [`${name}From`]: from.toISOString() });
    if (to) query.andWhere(`${column} < :${name}To::timestamptz`, { [`${name}To`]: to.toISOString() });
  }
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
  applyRanges(query, filter);
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

/** The projects the viewer may read that match the filter, as a query on `project p` (no order, no page). */
export function projectsQuery(dataSource: DataSource, viewer: Viewer, filter: ProjectFilterData): SelectQueryBuilder<Project> {
  const query = dataSource.getRepository(Project).createQueryBuilder("p");
  applyFilter(query, filter);
  applyVisibility(query, viewer);
  return query;
}

/** How many projects a list holds, every page: the same filter and visibility, one statement. */
export function countProjects(dataSource: DataSource, viewer: Viewer, filter: ProjectFilterData): Promise<number> {
  return projectsQuery(dataSource, viewer, filter).getCount();
}

/**
 * One page of the projects the viewer may read, newest first, as a query on `project p`:
 * the relation loaders run it once per parent (LATERAL).
 */
export function projectPageQuery(dataSource: DataSource, viewer: Viewer, page: Page<ProjectKey>, filter: ProjectFilterData): SelectQueryBuilder<Project> {
  const query = projectsQuery(dataSource, viewer, filter);
  if (page.after) {
    query.andWhere("(p.created_at, p.id) < (:afterAt::timestamptz, :afterId::uuid)", { afterAt: page.after[0], afterId: page.after[1] });
  }
  return query.orderBy("p.created_at", "DESC").addOrderBy("p.id", "DESC").limit(page.limit);
}

/**
 * The page of a sorted list: `expression` then the id, both in `direction`, after the cursor's
 * key (row comparison, so ties on the value are broken by id and no row is skipped or repeated).
 * Returns the projects with their keys, read exactly as SQL sorts them.
 */
async function sortedPage(query: SelectQueryBuilder<Project>, sort: ProjectSort, page: Page<unknown>, after: OrderKey | null): Promise<{ projects: Project[]; keyOf: (project: Project) => OrderKey }> {
  const direction = sort.descending ? "DESC" : "ASC";
  if (after) {
    query.andWhere(`(${sort.expression}, p.id) ${sort.descending ? "<" : ">"} (CAST(:afterValue AS ${sort.type}), CAST(:afterId AS uuid))`, { afterValue: after[0], afterId: after[1] });
  }
  query.addSelect(sort.text, "order_key").orderBy(sort.expression, direction).addOrderBy("p.id", direction).limit(page.limit);
  const { entities, raw } = await query.getRawAndEntities<{ order_key: string; p_id: string }>();
  const keys = new Map(raw.map((row) => [row.p_id, row.order_key]));
  return { projects: entities, keyOf: (project) => [keys.get(project.id) ?? "", project.id] };
}

/** How `projects` is asked to sort: an order, or `updatedSince` (the order of a programme keeping its copy in step). */
export interface ListOrder {
  orderBy?: { field: ProjectOrderField; direction?: SortDirection | null } | null;
  updatedSince?: Date | null;
}

/**
 * Projects the viewer may read, in `orderBy` (newest first by default) or, with `updatedSince`,
 * those updated since that instant in the order of their last change, with keyset pagination.
 */
export async function listProjects(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: ProjectFilterData = {}, listOrder: ListOrder = {}): Promise<Connection<Project>> {
  authorize(viewer, "project:read");
  if (listOrder.updatedSince && listOrder.orderBy) throw badInput("updatedSince has its own order (by last change): leave orderBy out", "orderBy");
  if (listOrder.updatedSince && filter.updated) throw badInput("updatedSince and filter.updated both bound the update instant: give one", "updatedSince");
  const sort = listOrder.updatedSince ? SYNC_SORT : sortOf(listOrder.orderBy ? orderOf(listOrder.orderBy.field, listOrder.orderBy.direction) : DEFAULT_PROJECT_ORDER);
  const since = instantOf(listOrder.updatedSince, "updatedSince");
  const full: ProjectFilterData = since ? { ...filter, updated: { from: since } } : filter;
  const page = readPage(args, MAX_PROJECT_PAGE, isProjectCursor);
  const after = page.after === null ? null : keyOfCursor(sort, page.after);
  if (page.after !== null && after === null) throw badInput("after is a cursor of another order (or not a cursor of projects)", "after");
  const { projects, keyOf } = await sortedPage(projectsQuery(dataSource, viewer, full), sort, page, after);
  return toConnection(
    projects,
    page,
    (project): ProjectCursor => cursorOf(sort, keyOf(project)),
    countOf(projects, page, () => countProjects(dataSource, viewer, full)),
  );
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
  if (filter.status && filter.status !== ProjectStatus.SUBMITTED && filter.status !== ProjectStatus.QUALIFIED) throw badInput("The inbox holds SUBMITTED and QUALIFIED projects", "filter.status");
  const inboxQuery = () => {
    const query = dataSource.getRepository(Project).createQueryBuilder("p").where("p.status IN ('SUBMITTED', 'QUALIFIED')");
    applyFilter(query, filter);
    applyVisibility(query, viewer);
    return query;
  };
  const query = inboxQuery();
  query.addSelect(PRIORITY_RANK, "rank");
  // Projects submitted before submission dates were recorded count from their creation.
  const submitted = "COALESCE(p.submitted_at, p.created_at)";
  if (page.after) {
    query.andWhere(`(${PRIORITY_RANK}, ${submitted}, p.id) > (:rank, :at::timestamptz, :id::uuid)`, { rank: page.after[0], at: page.after[1], id: page.after[2] });
  }
  const rows = await query.orderBy("rank", "ASC").addOrderBy(submitted, "ASC").addOrderBy("p.id", "ASC").limit(page.limit).getMany();
  return toConnection(
    rows,
    page,
    (p): InboxKey => [priorityRank(p), (p.submittedAt ?? p.createdAt).toISOString(), p.id],
    countOf(rows, page, () => inboxQuery().getCount()),
  );
}
