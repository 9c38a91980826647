import { communePlaces, loadCog, loadThemes } from "@hub/reference";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { territoryAncestry } from "../rules/project-fields";
import { insertProjectRows, random, reached, TITLES, type ActivityRow, type ProjectRow } from "./demo-data";

const STATUSES = Object.values(ProjectStatus);
/** Statuses reached once the State has qualified the project: they carry a priority. */
const QUALIFIED_OR_LATER: readonly ProjectStatus[] = [ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED];
const PRIORITIES = Object.values(ProjectPriority);

/**
 * Creates `count` demo projects on real communes (a third in the Puy-de-Dôme, where the demo
 * accounts work, including Clermont-Ferrand), each with its journal, when there are none yet.
 */
export async function seedDemoProjects(dataSource: DataSource, count = 300, seed = 63): Promise<number> {
  const [{ n }] = await dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM project");
  if (n > 0) return 0;
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const sirens = new Map(loadCog().communes.flatMap((c): [string, string][] => (c.type === "commune-actuelle" && c.siren ? [[c.code, c.siren]] : [])));
  const places = [...communePlaces().values()].filter((p) => sirens.has(p.code));
  const puyDeDome = places.filter((p) => p.departement === "63");
  const themes = loadThemes()
    .map((t) => t.slug)
    .filter((slug) => Object.hasOwn(TITLES, slug));
  const projects: ProjectRow[] = [];
  const activities: ActivityRow[] = [];
  const now = Date.now();
  const clermont = communePlaces().get("63113");
  if (!clermont) throw new Error("the reference map has no commune 63113 (Clermont-Ferrand)");
  for (let i = 0; i < count; i++) {
    const place = i % 10 === 0 ? clermont : i % 3 === 0 ? pick(puyDeDome) : pick(places);
    const theme = pick(themes);
    const title = pick(TITLES[theme]).replace("{c}", place.nom);
    const status = pick(STATUSES);
    const createdAt = new Date(now - Math.floor(next() * 540) * 86_400_000 - i * 1000);
    const id = randomUUID();
    const territoryId = `COMMUNE:${place.code}`;
    const territoryIds = territoryAncestry(territoryId);
    projects.push({
      id,
      title,
      description: `Projet de démonstration porté par la commune de ${place.nom}.`,
      status,
      themes: [theme],
      territory_id: territoryId,
      territory_ids: territoryIds,
      owner_id: `COLLECTIVITE:${sirens.get(place.code)}`,
      created_at: createdAt.toISOString(),
      submitted_at: status === ProjectStatus.DRAFT ? null : new Date(createdAt.getTime() + 86_400_000).toISOString(),
      // As the lifecycle requires: a priority once qualified, a reason once abandoned.
      priority: QUALIFIED_OR_LATER.includes(status) ? pick(PRIORITIES) : null,
      status_reason: status === ProjectStatus.ABANDONED ? "Projet reporté à un prochain exercice budgétaire" : null,
    });
    activities.push({
      kind: ActivityKind.PROJECT_CREATED,
      project_id: id,
      summary: `Projet « ${title} » créé`,
      payload: { status: ProjectStatus.DRAFT, territoryIds, themes: [theme] },
      at: createdAt.toISOString(),
    });
    if (status !== ProjectStatus.DRAFT) {
      activities.push({
        kind: ActivityKind.STATUS_CHANGED,
        project_id: id,
        summary: `Projet « ${title} » ${reached(status)}`,
        payload: { from: ProjectStatus.DRAFT, to: status },
        at: new Date(createdAt.getTime() + 86_400_000).toISOString(),
      });
    }
  }
  activities.sort((a, b) => a.at.localeCompare(b.at));
  await dataSource.transaction((manager) => insertProjectRows(manager, { projects, activities }));
  return count;
}
