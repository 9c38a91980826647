import { authorize, badInput, countOf, forbidden, hasRole, isUuid, readPage, rowReader, toConnection, type Connection, type Page, type PageArgs, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import type { DataSource } from "typeorm";
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
import { propertiesFor, type ProjectProperty } from "../rules/project-columns";
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

/** Adds a value to a statement's parameters; returns its placeholder. */
function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

function rangeConditions(filter: ProjectFilterData, params: unknown[]): string[] {
  const where: string[] = [];
  for (const [name, column] of Object.entries(RANGE_COLUMNS) as [keyof typeof RANGE_COLUMNS, string][]) {
    const range = filter[name];
    if (!range) continue;
    const from = instantOf(range.from, `filter.${name}.from`);
    const to = instantOf(range.to, `filter.${name}.to`);
    if (from && to && from.getTime() >= to.getTime()) throw badInput(`filter.${name}: from must be before to`, `filter.${name}`);
    if (from) where.push(`${column} >= ${param(params, from.toISOString())}::timestamptz`);
    if (to) where.push(`${column} < ${param(params, to.toISOString())}::timestamptz`);
  }
  return where;
}

/** The keyset of project lists, newest first: creation instant, then id. */
export type ProjectKey = [string, string];
export const isProjectKey = (value: unknown): value is ProjectKey => Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string") && !Number.isNaN(Date.parse(value[0]));
export const projectKeyOf = (p: Project): ProjectKey => [p.createdAt.toISOString(), p.id];

/** A filter as SQL conditions on `project p` (BAD_USER_INPUT for a malformed value), its parameters pushed to `params`. */
function filterConditions(filter: ProjectFilterData, params: unknown[]): string[] {
  const where: string[] = [];
  if (filter.territoryId) {
    if (!isTerritoryId(filter.territoryId)) {
      throw badInput(`"${filter.territoryId.slice(0, 60)}" is not a territory id`, "filter.territoryId");
    }
    where.push(`p.territory_ids @> ARRAY[${param(params, filter.territoryId)}]::text[]`);
  }
  if (filter.status) where.push(`p.status = ${param(params, filter.status)}`);
  if (filter.ownerId) where.push(`p.owner_id = ${param(params, filter.ownerId)}`);
  if (filter.assigneeId) {
    // A person id that is not a uuid has no assignment (and must not reach a uuid comparison).
    where.push(isUuid(filter.assigneeId) ? `EXISTS (SELECT 1 FROM project_assignee pa WHERE pa.project_id = p.id AND pa.person_id = ${param(params, filter.assigneeId)})` : "false");
  }
  if (filter.theme) where.push(`p.themes @> ARRAY[${param(params, validateThemes([filter.theme])[0])}]::text[]`);
  if (filter.programme) where.push(`p.programmes @> ARRAY[${param(params, validateText(filter.programme, "filter.programme", 80, true))}]::text[]`);
  if (filter.search) {
    const search = validateText(filter.search, "filter.search", 100, false);
    if (search) where.push(`p.title ILIKE ${param(params, `%${search.replace(/[%_\\]/g, "\\$&")}%`)}`);
  }
  if (filter.submittedBefore) where.push(`p.submitted_at < ${param(params, filter.submittedBefore)}`);
  where.push(...rangeConditions(filter, params));
  return where;
}

/**
 * Which projects a list holds, as the WHERE of a statement on `project p`: the filter, then the
 * viewer's visibility (`visibilityCondition`, the SQL form of `canSeeProject`); its parameters
 * pushed to `params` ($1...). Every list of projects (pages, counts, the map, the relations'
 * pages) is written on it.
 */
export function projectsWhere(viewer: Viewer, filter: ProjectFilterData, params: unknown[]): string {
  return [...filterConditions(filter, params), visibilityCondition(viewer, params)].join(" AND ");
}

/** How many projects match a WHERE on `project p`, written by `whereOf` with its parameters: one statement. */
async function countWhere(dataSource: DataSource, whereOf: (params: unknown[]) => string): Promise<number> {
  const params: unknown[] = [];
  const where = whereOf(params);
  const [{ count }] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM project p WHERE ${where}`, params);
  return count;
}

/** How many projects a list holds, every page: the same filter and visibility, one statement. */
export function countProjects(dataSource: DataSource, viewer: Viewer, filter: ProjectFilterData): Promise<number> {
  return countWhere(dataSource, (params) => projectsWhere(viewer, filter, params));
}

/**
 * One page of the projects the viewer may read, as a statement on `project p` selecting
 * `select`: sorted by `sort` (its expression, then the id, both in its direction), after the
 * key `after` (row comparison, so ties on the value are broken by id and no row is skipped or
 * repeated), `limit` rows; its parameters pushed to `params`. The relation loaders run it once
 * per parent (LATERAL), with their own `extraCondition` on the parent.
 */
export function sortedPageStatement(
  viewer: Viewer,
  filter: ProjectFilterData,
  sort: ProjectSort,
  after: OrderKey | null,
  limit: number,
  params: unknown[],
  select: string,
  extraCondition = "true",
): string {
  const where = [projectsWhere(viewer, filter, params), extraCondition];
  if (after) {
    where.push(`(${sort.expression}, p.id) ${sort.descending ? "<" : ">"} (CAST(${param(params, after[0])} AS ${sort.type}), CAST(${param(params, after[1])} AS uuid))`);
  }
  const direction = sort.descending ? "DESC" : "ASC";
  return `SELECT ${select} FROM project p WHERE ${where.join(" AND ")} ORDER BY ${sort.expression} ${direction}, p.id ${direction} LIMIT ${param(params, limit)}`;
}

/** The name of the sort key a sorted page selects beside the project's columns (no property of Project has it). */
const ORDER_KEY = "_orderKey";

/** The page of a sorted list (`sortedPageStatement`), with each project's key, read exactly as SQL sorts them. */
async function sortedPage(
  dataSource: DataSource,
  viewer: Viewer,
  filter: ProjectFilterData,
  sort: ProjectSort,
  page: Page<unknown>,
  after: OrderKey | null,
  properties: ProjectProperty[] | undefined,
): Promise<{ projects: Project[]; keyOf: (project: Project) => OrderKey }> {
  const params: unknown[] = [];
  const projects = rowReader(dataSource, Project);
  const rows = await dataSource.query<Record<string, unknown>[]>(
    sortedPageStatement(viewer, filter, sort, after, page.limit, params, `${projects.select("p", properties)}, ${sort.text} AS "${ORDER_KEY}"`),
    params,
  );
  const keys = new Map(rows.map((row) => [row.id as string, row[ORDER_KEY] as string]));
  return { projects: projects.read(rows), keyOf: (project) => [keys.get(project.id) ?? "", project.id] };
}

/** How `projects` is asked to sort: an order, or `updatedSince` (the order of a programme keeping its copy in step). */
export interface ListOrder {
  orderBy?: { field: ProjectOrderField; direction?: SortDirection | null } | null;
  updatedSince?: Date | null;
}

/**
 * The fields selected on a list's nodes (`selectedFields(info, ["edges", "node"])`): the list
 * reads only the columns they need (`propertiesFor`). Every column when not given.
 */
export type NodeFields = Iterable<string> | undefined;

/**
 * Projects the viewer may read, in `orderBy` (newest first by default) or, with `updatedSince`,
 * those updated since that instant in the order of their last change, with keyset pagination.
 */
export async function listProjects(
  dataSource: DataSource,
  viewer: Viewer,
  args: PageArgs,
  filter: ProjectFilterData = {},
  listOrder: ListOrder = {},
  nodeFields?: NodeFields,
): Promise<Connection<Project>> {
  authorize(viewer, "project:read");
  if (listOrder.updatedSince && listOrder.orderBy) throw badInput("updatedSince has its own order (by last change): leave orderBy out", "orderBy");
  if (listOrder.updatedSince && filter.updated) throw badInput("updatedSince and filter.updated both bound the update instant: give one", "updatedSince");
  const sort = listOrder.updatedSince ? SYNC_SORT : sortOf(listOrder.orderBy ? orderOf(listOrder.orderBy.field, listOrder.orderBy.direction) : DEFAULT_PROJECT_ORDER);
  const since = instantOf(listOrder.updatedSince, "updatedSince");
  const full: ProjectFilterData = since ? { ...filter, updated: { from: since } } : filter;
  const page = readPage(args, MAX_PROJECT_PAGE, isProjectCursor);
  const after = page.after === null ? null : keyOfCursor(sort, page.after);
  if (page.after !== null && after === null) throw badInput("after is a cursor of another order (or not a cursor of projects)", "after");
  const { projects, keyOf } = await sortedPage(dataSource, viewer, full, sort, page, after, nodeFields && propertiesFor(nodeFields, []));
  return toConnection(
    projects,
    page,
    (project): ProjectCursor => cursorOf(sort, keyOf(project)),
    countOf(projects, page, () => countProjects(dataSource, viewer, full)),
  );
}

type InboxKey = [number, string, string];
/** What an inbox cursor is made of (besides the id). */
const INBOX_KEY_PROPERTIES: ProjectProperty[] = ["priority", "submittedAt", "createdAt"];
const isInboxKey = (value: unknown): value is InboxKey => Array.isArray(value) && value.length === 3 && typeof value[0] === "number" && typeof value[1] === "string" && typeof value[2] === "string";

/**
 * The State's inbox: submitted and qualified projects of the viewer's départements (all of
 * them for national agents), highest priority first, then the oldest intentions first.
 */
export async function inbox(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: ProjectFilterData = {}, nodeFields?: NodeFields): Promise<Connection<Project>> {
  authorize(viewer, "project:write");
  if (!hasRole(viewer, "STATE_AGENT", "ANCT_NATIONAL")) throw forbidden("The inbox is the State's");
  const page = readPage(args, MAX_PROJECT_PAGE, isInboxKey);
  if (filter.status && filter.status !== ProjectStatus.SUBMITTED && filter.status !== ProjectStatus.QUALIFIED) throw badInput("The inbox holds SUBMITTED and QUALIFIED projects", "filter.status");
  const inboxWhere = (params: unknown[]) => `p.status IN ('SUBMITTED', 'QUALIFIED') AND ${projectsWhere(viewer, filter, params)}`;
  const params: unknown[] = [];
  const where = [inboxWhere(params)];
  // Projects submitted before submission dates were recorded count from their creation.
  const submitted = "COALESCE(p.submitted_at, p.created_at)";
  if (page.after) {
    where.push(`(${PRIORITY_RANK}, ${submitted}, p.id) > (${param(params, page.after[0])}, ${param(params, page.after[1])}::timestamptz, ${param(params, page.after[2])}::uuid)`);
  }
  const projects = rowReader(dataSource, Project);
  const rows = projects.read(
    await dataSource.query(
      `SELECT ${projects.select("p", nodeFields && propertiesFor(nodeFields, INBOX_KEY_PROPERTIES))} FROM project p WHERE ${where.join(" AND ")}
        ORDER BY ${PRIORITY_RANK} ASC, ${submitted} ASC, p.id ASC LIMIT ${param(params, page.limit)}`,
      params,
    ),
  );
  return toConnection(
    rows,
    page,
    (p): InboxKey => [priorityRank(p), (p.submittedAt ?? p.createdAt).toISOString(), p.id],
    countOf(rows, page, () => countWhere(dataSource, inboxWhere)),
  );
}
