import { authorize, badInput, communeAncestry, forbidden, loadThemes, notFound, readPage, toConnection, type Connection, type PageArgs, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { Project, ProjectStatus } from "../entities/project.entity";
import { appendActivity } from "./activity.service";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const MAX_PROJECT_PAGE = 100;

export interface CreateProjectData {
  title: string;
  description?: string | null;
  territoryId: string;
  themes?: string[] | null;
}

export interface ProjectFilterData {
  territoryId?: string | null;
  status?: ProjectStatus | null;
  theme?: string | null;
  search?: string | null;
}

/** The territory and every level above it, from the reference map: what filters match on. */
export function territoryAncestry(territoryId: string): string[] {
  const match = /^COMMUNE:([0-9AB]{5})$/.exec(territoryId);
  if (!match) {
    if (/^(REGION|DEPARTEMENT|EPCI|COMMUNE|CRTE):[A-Za-z0-9-]{1,40}$/.test(territoryId)) {
      throw badInput("A project is created on a commune (COMMUNE:<INSEE code>)", "territoryId");
    }
    throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id (expected COMMUNE:<INSEE code>)`, "territoryId");
  }
  const ancestry = communeAncestry(match[1]);
  if (!ancestry) throw notFound(`No current commune ${territoryId}`);
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
  const title = validateText(input.title, "title", TITLE_MAX, true);
  const description = validateText(input.description ?? "", "description", DESCRIPTION_MAX, false);
  const themes = validateThemes(input.themes ?? []);
  const territoryIds = territoryAncestry(input.territoryId);
  const commune = input.territoryId.slice("COMMUNE:".length);
  if (!viewer.organizationId || !viewer.communes.includes(commune)) {
    throw forbidden("Only an agent of a collectivité covering this commune may create a project on it");
  }
  return dataSource.transaction(async (manager) => {
    const project = await manager.getRepository(Project).save(
      manager.getRepository(Project).create({
        title,
        description,
        themes,
        territoryId: input.territoryId,
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

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string") && !Number.isNaN(Date.parse(value[0] as string));

/** Projects the viewer may read, newest first, with keyset pagination. */
export async function listProjects(dataSource: DataSource, viewer: Viewer, args: PageArgs, filter: ProjectFilterData = {}): Promise<Connection<Project>> {
  authorize(viewer, "project:read");
  const page = readPage(args, MAX_PROJECT_PAGE, isKey);
  const query = dataSource.getRepository(Project).createQueryBuilder("p");
  if (filter.territoryId) {
    if (!/^(REGION|DEPARTEMENT|EPCI|COMMUNE|CRTE):[A-Za-z0-9-]{1,40}$/.test(filter.territoryId)) {
      throw badInput(`"${filter.territoryId.slice(0, 60)}" is not a territory id`, "filter.territoryId");
    }
    query.andWhere("p.territory_ids @> ARRAY[:territoryId]::text[]", { territoryId: filter.territoryId });
  }
  if (filter.status) query.andWhere("p.status = :status", { status: filter.status });
  if (filter.theme) query.andWhere("p.themes @> ARRAY[:theme]::text[]", { theme: validateThemes([filter.theme])[0] });
  if (filter.search) {
    const search = validateText(filter.search, "filter.search", 100, false);
    if (search) query.andWhere("p.title ILIKE :search", { search: `%${search.replace(/[%_\\]/g, "\\$&")}%` });
  }
  if (page.after) {
    query.andWhere("(p.created_at, p.id) < (:afterAt::timestamptz, :afterId::uuid)", { afterAt: page.after[0], afterId: page.after[1] });
  }
  const rows = await query.orderBy("p.created_at", "DESC").addOrderBy("p.id", "DESC").limit(page.limit).getMany();
  return toConnection(rows, page, (p): Key => [p.createdAt.toISOString(), p.id]);
}
