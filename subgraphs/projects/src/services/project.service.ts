import { authorize, badInput, forbidden, hasRole, isUuid, notFound, readPage, toConnection, type Connection, type Page, type PageArgs, type Viewer } from "@hub/kit";
import { isTerritoryId, loadThemes, projectTerritoriesAncestry, projectTerritoryAncestry } from "@hub/reference";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Maturity, Project, ProjectPhase, ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { visibilityCondition } from "../rules/visibility";
import { changeProject } from "./project-workflow.service";
import { appendActivity } from "./activity.service";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const MAX_PROJECT_PAGE = 100;

export interface ProjectFieldsData {
  title?: string | null;
  description?: string | null;
  themes?: string[] | null;
  programmes?: string[] | null;
  phase?: ProjectPhase | null;
  budgetEuros?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  /** Other communes concerned, besides the main territory. */
  communeIds?: string[] | null;
}

export interface CreateProjectData extends ProjectFieldsData {
  title: string;
  territoryId: string;
}

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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PROGRAMME_MAX = 20;
/** Other communes a project may concern (a large EPCI's communes fit). */
export const OTHER_COMMUNES_MAX = 200;

/** Validates the editable fields that are given; returns them normalised. */
export function validateFields(input: ProjectFieldsData): Partial<Project> {
  const fields: Partial<Project> = {};
  if (input.title !== undefined && input.title !== null) fields.title = validateText(input.title, "title", TITLE_MAX, true);
  if (input.description !== undefined && input.description !== null) fields.description = validateText(input.description, "description", DESCRIPTION_MAX, false);
  if (input.themes) fields.themes = validateThemes(input.themes);
  if (input.programmes) {
    const programmes = [...new Set(input.programmes.map((p) => p.trim()).filter(Boolean))];
    if (programmes.length > PROGRAMME_MAX || programmes.some((p) => p.length > 80)) throw badInput(`At most ${PROGRAMME_MAX} programmes of 80 characters`, "programmes");
    fields.programmes = programmes;
  }
  if (input.phase) fields.phase = input.phase;
  if (input.budgetEuros !== undefined && input.budgetEuros !== null) {
    if (!Number.isFinite(input.budgetEuros) || input.budgetEuros < 0 || input.budgetEuros > 1e12) throw badInput("budgetEuros must be between 0 and 10^12", "budgetEuros");
    fields.budgetEuros = Math.round(input.budgetEuros);
  }
  for (const key of ["startDate", "endDate"] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) {
      if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw badInput(`${key} must be a date (YYYY-MM-DD)`, key);
      fields[key] = value;
    }
  }
  if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) throw badInput("endDate is before startDate", "endDate");
  if (input.communeIds) fields.otherCommuneIds = validateCommunes(input.communeIds);
  return fields;
}

/** Other communes concerned: current communes of the map, without repeats, in the order given. */
function validateCommunes(ids: string[]): string[] {
  const communes = [...new Set(ids.map((id) => id.trim()))];
  if (communes.length > OTHER_COMMUNES_MAX) throw badInput(`At most ${OTHER_COMMUNES_MAX} other communes`, "communeIds");
  for (const id of communes) {
    if (!/^COMMUNE:[0-9AB]{5}$/.test(id)) throw badInput(`"${id.slice(0, 60)}" is not a commune id (expected COMMUNE:<INSEE code>)`, "communeIds");
    if (!projectTerritoryAncestry(id)) throw notFound(`No current commune ${id}`);
  }
  return communes;
}

/**
 * A project's other communes (the main territory dropped from them), and every territory it
 * concerns with the levels above each: its main territory's first.
 */
export function projectTerritories(territoryId: string, communeIds: readonly string[]): { otherCommuneIds: string[]; territoryIds: string[] } {
  const otherCommuneIds = communeIds.filter((id) => id !== territoryId);
  return { otherCommuneIds, territoryIds: [...new Set([...territoryAncestry(territoryId), ...(projectTerritoriesAncestry(otherCommuneIds) ?? [])])] };
}

/** The territory and every level above it, from the reference map: what filters match on. */
export function territoryAncestry(territoryId: string): string[] {
  if (!/^(COMMUNE|EPCI):/.test(territoryId)) {
    if (isTerritoryId(territoryId)) throw badInput("A project is carried on a commune (COMMUNE:<INSEE code>) or an EPCI (EPCI:<SIREN>)", "territoryId");
    throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id (expected COMMUNE:<INSEE code> or EPCI:<SIREN>)`, "territoryId");
  }
  const ancestry = projectTerritoryAncestry(territoryId);
  if (!ancestry) throw notFound(`No current commune or EPCI ${territoryId.slice(0, 60)}`);
  return ancestry;
}

export function validateThemes(themes: string[]): string[] {
  const known = new Set(loadThemes().map((t) => t.slug));
  if (themes.length > known.size) throw badInput(`At most ${known.size} themes`, "themes");
  for (const theme of themes) {
    if (!known.has(theme)) throw badInput(`Unknown theme "${theme.slice(0, 60)}" (see the Aides-Territoires themes)`, "themes");
  }
  return [...new Set(themes)];
}

function validateText(value: string, field: string, max: number, required: boolean): string {
  const text = value.trim();
  if (required && text === "") throw badInput(`${field} must not be empty`, field);
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return text;
}

/**
 * Creates a draft project on a commune of the caller's collectivité, with its first activity,
 * in one transaction. Validates everything before writing anything.
 */
export async function createProject(dataSource: DataSource, viewer: Viewer, input: CreateProjectData): Promise<Project> {
  authorize(viewer, "project:create");
  const fields = validateFields(input);
  const title = fields.title!;
  const description = fields.description ?? "";
  const themes = fields.themes ?? [];
  const { otherCommuneIds, territoryIds } = projectTerritories(input.territoryId, fields.otherCommuneIds ?? []);
  // A commune of the caller's collectivité (its own, or a member of its EPCI), or its own EPCI.
  const allowed = input.territoryId.startsWith("COMMUNE:")
    ? viewer.communes.includes(input.territoryId.slice("COMMUNE:".length))
    : viewer.organizationId === `COLLECTIVITE:${input.territoryId.slice("EPCI:".length)}`;
  if (!viewer.organizationId || !allowed) {
    throw forbidden("Only an agent of a collectivité covering this territory may create a project on it");
  }
  return dataSource.transaction(async (manager) => {
    const project = await manager.getRepository(Project).save(
      manager.getRepository(Project).create({
        ...fields,
        title,
        description,
        themes,
        territoryId: input.territoryId,
        otherCommuneIds,
        territoryIds,
        ownerId: viewer.organizationId!,
        createdById: viewer.personId,
        status: ProjectStatus.DRAFT,
      }),
    );
    await appendActivity(manager, {
      kind: ActivityKind.PROJECT_CREATED,
      projectId: project.id,
      actorId: viewer.personId,
      summary: `Projet « ${title} » créé`,
      payload: { status: project.status, territoryIds, themes },
    });
    return project;
  });
}

/** The keyset of project lists, newest first: creation instant, then id. */
export type ProjectKey = [string, string];
export const isProjectKey = (value: unknown): value is ProjectKey =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string") && !Number.isNaN(Date.parse(value[0]));
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

/** Adds the viewer's visibility (the kit's policy, as SQL) to a query on `project p`. */
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
/**
 * The inbox's order of priorities, written once: the SQL rank that sorts and the rank the
 * cursor carries both come from it (a project without priority comes after them all).
 */
const PRIORITY_ORDER: readonly ProjectPriority[] = [ProjectPriority.HIGH, ProjectPriority.NORMAL, ProjectPriority.LOW];
const PRIORITY_RANK = `CASE p.priority ${PRIORITY_ORDER.map((priority, rank) => `WHEN '${priority}' THEN ${rank}`).join(" ")} ELSE ${PRIORITY_ORDER.length} END`;
const priorityRank = (project: Project): number => {
  const rank = project.priority === null ? -1 : PRIORITY_ORDER.indexOf(project.priority);
  return rank === -1 ? PRIORITY_ORDER.length : rank;
};
const isInboxKey = (value: unknown): value is InboxKey =>
  Array.isArray(value) && value.length === 3 && typeof value[0] === "number" && typeof value[1] === "string" && typeof value[2] === "string";

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

/** Edits the fiche (owner or State), checking the version the editor read. */
export function updateProject(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: ProjectFieldsData): Promise<Project> {
  const fields = validateFields(input);
  // Named as in the input.
  const changed = Object.keys(fields).map((key) => (key === "otherCommuneIds" ? "communeIds" : key));
  if (changed.length === 0) throw badInput("Nothing to change", "input");
  return changeProject(dataSource, viewer, id, version, (project) => {
    Object.assign(project, fields);
    if (fields.otherCommuneIds) {
      Object.assign(project, projectTerritories(project.territoryId, fields.otherCommuneIds));
    }
    return { kind: ActivityKind.PROJECT_UPDATED, summary: `Projet « ${project.title} » modifié (${changed.join(", ")})`, payload: { fields: changed } };
  });
}

export interface DiagnosticData {
  needs?: string | null;
  blockers?: string | null;
  partners?: string[] | null;
  financingPlan?: { source: string; amountEuros: number; secured: boolean }[] | null;
  calendar?: string | null;
  maturity?: Maturity | null;
}

/** Replaces the état des lieux (owner or State), checking the version the editor read. */
export function updateDiagnostic(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: DiagnosticData): Promise<Project> {
  const text = (value: string | null | undefined, field: string) => (value === undefined || value === null ? null : validateText(value, field, DESCRIPTION_MAX, false) || null);
  const partners = (input.partners ?? []).map((p) => validateText(p, "partners", 200, true));
  const financingPlan = (input.financingPlan ?? []).map((line) => {
    if (!Number.isFinite(line.amountEuros) || line.amountEuros < 0 || line.amountEuros > 1e12) throw badInput("amountEuros must be between 0 and 10^12", "financingPlan");
    return { source: validateText(line.source, "financingPlan.source", 200, true), amountEuros: line.amountEuros, secured: line.secured };
  });
  if (partners.length > 50 || financingPlan.length > 50) throw badInput("At most 50 partners and 50 financing lines", "diagnostic");
  const diagnostic = { needs: text(input.needs, "needs"), blockers: text(input.blockers, "blockers"), partners, financingPlan, calendar: text(input.calendar, "calendar"), maturity: input.maturity ?? null };
  return changeProject(dataSource, viewer, id, version, (project) => {
    project.diagnosticData = diagnostic;
    return { kind: ActivityKind.DIAGNOSTIC_UPDATED, summary: `État des lieux de « ${project.title} » mis à jour`, payload: {} };
  });
}
