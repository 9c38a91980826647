import { authorize, countOf, isUuid, readPage, rowReader, toConnection, type Connection, type Page, type PageArgs, type ParentCount, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Project } from "../entities/project.entity";
import { DEFAULT_PROJECT_ORDER, sortOf } from "../rules/project-order";
import { isProjectKey, MAX_PROJECT_PAGE, projectKeyOf, projectsWhere, sortedPageStatement, type ProjectFilterData, type ProjectKey } from "./project-query.service";

/** Whose projects: a territory's (or any territory inside it), an organisation's, a person's (assigned). */
export type ProjectRelation = "territory" | "owner" | "assignee";

/** A project of a page, with the parent it was loaded for (one project may be in several parents' pages). */
export interface RelatedProject {
  parent: string;
  project: Project;
  /** Its keyset, exact as SQL sorts it (microseconds), the same as the cursors of `projects`. */
  key: ProjectKey;
}

/** The order of a parent's projects: newest first, as `projects` by default (the same cursors). */
const NEWEST_FIRST = sortOf(DEFAULT_PROJECT_ORDER);

/** How a project belongs to the parent `k.parent`, on `project p`. */
const BELONGS: Record<ProjectRelation, string> = {
  territory: "p.territory_ids @> ARRAY[k.parent]::text[]",
  owner: "p.owner_id = k.parent",
  assignee: "EXISTS (SELECT 1 FROM project_assignee pa WHERE pa.project_id = p.id AND pa.person_id = k.parent::uuid)",
};

/** The parent's own filter field, overridden by the parent as `listProjects` would be. */
const PARENT_FIELD: Record<ProjectRelation, keyof ProjectFilterData> = { territory: "territoryId", owner: "ownerId", assignee: "assigneeId" };

interface PageKey {
  page: Page<ProjectKey>;
  filter: ProjectFilterData;
}

/** Parents asking with the same page arguments and filter share one key, hence one batch (dates become ISO strings). */
function pageKeyOf(relation: ProjectRelation, page: Page<ProjectKey> | null, filter: ProjectFilterData): string {
  const rest: ProjectFilterData = { ...filter, [PARENT_FIELD[relation]]: null };
  return JSON.stringify({ page, filter: { ...rest, submittedBefore: rest.submittedBefore?.toISOString() ?? null } });
}

function readPageKey(pageKey: string): PageKey {
  const { page, filter } = JSON.parse(pageKey) as { page: Page<ProjectKey>; filter: ProjectFilterData & { submittedBefore: string | null } };
  return { page, filter: { ...filter, submittedBefore: filter.submittedBefore === null ? null : new Date(filter.submittedBefore) } };
}

/**
 * One page of projects for each parent, in one SQL statement: the query `listProjects` runs
 * (filter, visibility, keyset), run once per parent through a LATERAL join.
 */
export async function fetchRelatedProjects(dataSource: DataSource, viewer: Viewer, relation: ProjectRelation, parents: readonly string[], pageKey: string): Promise<RelatedProject[]> {
  // A person id that is not a uuid has no assignment (and must not reach a uuid cast).
  const ids = relation === "assignee" ? parents.filter(isUuid) : [...parents];
  if (ids.length === 0) return [];
  const { page, filter } = readPageKey(pageKey);
  const projects = rowReader(dataSource, Project);
  const params: unknown[] = [];
  const inner = sortedPageStatement(viewer, filter, NEWEST_FIRST, page.after, page.limit, params, `${projects.select("p")}, ${NEWEST_FIRST.text} AS "relatedKey"`, BELONGS[relation]);
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT k.parent AS "relatedParent", r.* FROM unnest($${params.length + 1}::text[]) WITH ORDINALITY AS k(parent, position)
       CROSS JOIN LATERAL (${inner}) AS r
      ORDER BY k.position, r."createdAt" DESC, r.id DESC`,
    [...params, ids],
  );
  const read = projects.read(rows);
  return rows.map((row, i) => ({ parent: row.relatedParent as string, project: read[i], key: [row.relatedKey as string, read[i].id] }));
}

/** How many projects each parent holds for the viewer (the same filter and visibility), in one SQL statement. */
export async function countRelatedProjects(dataSource: DataSource, viewer: Viewer, relation: ProjectRelation, parents: readonly string[], countKey: string): Promise<ParentCount<string>[]> {
  const ids = relation === "assignee" ? parents.filter(isUuid) : [...parents];
  if (ids.length === 0) return [];
  const { filter } = readPageKey(countKey);
  const params: unknown[] = [];
  const inner = `SELECT count(*)::int FROM project p WHERE ${projectsWhere(viewer, filter, params)} AND ${BELONGS[relation]}`;
  return dataSource.query(`SELECT k.parent, (${inner}) AS count FROM unnest($${params.length + 1}::text[]) AS k(parent)`, [...params, ids]);
}

/** A parent's page of projects as a connection, through its relation's batch loaders (rows, and the count when asked for). */
export async function relatedProjects(
  loaders: { page: (pageKey: string) => Promise<RelatedProject[]>; count: (countKey: string) => Promise<number> },
  viewer: Viewer,
  relation: ProjectRelation,
  args: PageArgs,
  filter: ProjectFilterData = {},
): Promise<Connection<Project>> {
  authorize(viewer, "project:read");
  const page = readPage(args, MAX_PROJECT_PAGE, isProjectKey);
  const related = await loaders.page(pageKeyOf(relation, page, filter));
  const keys = new Map(related.map((r) => [r.project.id, r.key]));
  const rows = related.map((r) => r.project);
  return toConnection(
    rows,
    page,
    (project) => keys.get(project.id) ?? projectKeyOf(project),
    countOf(rows, page, () => loaders.count(pageKeyOf(relation, null, filter))),
  );
}
