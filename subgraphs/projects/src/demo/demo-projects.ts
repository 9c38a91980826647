import { communePlaces, loadCog, loadThemes } from "@hub/reference";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { LIFECYCLE } from "../rules/lifecycle";
import { territoryAncestry } from "../rules/project-fields";

/** Titles per theme slug; "{c}" is the commune's name. */
const TITLES: Record<string, string[]> = {
  eau: ["Réhabilitation du réseau d'eau potable de {c}", "Mise en séparatif de l'assainissement à {c}", "Renaturation des berges de la rivière à {c}"],
  "culture-patrimoine-sports-tourisme": ["Restauration de l'église de {c}", "Création d'une médiathèque à {c}", "Rénovation du gymnase municipal de {c}"],
  "developpement-economique": ["Revitalisation des commerces du centre-bourg de {c}", "Création d'un tiers-lieu à {c}"],
  "energies-dechets": ["Rénovation énergétique de l'école de {c}", "Installation de panneaux solaires sur la mairie de {c}", "Réseau de chaleur bois à {c}"],
  "mobilite-transports": ["Aménagement d'une voie verte à {c}", "Création d'un pôle d'échanges multimodal à {c}"],
  "nature-environnement-risques": ["Plan de prévention des inondations de {c}", "Création d'un verger communal à {c}"],
  "solidarites-lien-social": ["Maison de santé pluriprofessionnelle de {c}", "Création d'une maison France services à {c}"],
  "urbanisme-logement-amenagement": ["Requalification de la place centrale de {c}", "Réhabilitation de logements vacants à {c}"],
  "fonctions-support": ["Déploiement du wifi public à {c}", "Numérisation des services de la mairie de {c}"],
};

const STATUSES = Object.values(ProjectStatus);
/** Statuses reached once the State has qualified the project: they carry a priority. */
const QUALIFIED_OR_LATER: readonly ProjectStatus[] = [ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED];
const PRIORITIES = Object.values(ProjectPriority);

/** The journal's French words for reaching a status (the lifecycle table's, e.g. "qualifié"). */
function reached(status: ProjectStatus): string {
  const rule = Object.values(LIFECYCLE).find((candidate) => candidate.to === status);
  if (!rule) throw new Error(`no lifecycle transition reaches ${status}`);
  return rule.summary;
}

/** A deterministic pseudo-random generator (mulberry32), so demo data is the same everywhere. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const projects: Record<string, unknown>[] = [];
  const activities: Record<string, unknown>[] = [];
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
  activities.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO project (id, title, description, status, themes, territory_id, territory_ids, owner_id, created_at, updated_at, submitted_at, priority, status_reason)
       SELECT id, title, description, status, themes, territory_id, territory_ids, owner_id, created_at, created_at, submitted_at, priority, status_reason
         FROM jsonb_to_recordset($1::jsonb)
           AS r(id uuid, title text, description text, status text, themes text[], territory_id text, territory_ids text[], owner_id text, created_at timestamptz, submitted_at timestamptz, priority text, status_reason text)`,
      [JSON.stringify(projects)],
    );
    await manager.query(
      `INSERT INTO activity (kind, project_id, summary, payload, at)
       SELECT kind, project_id, summary, payload, at FROM jsonb_to_recordset($1::jsonb) AS r(kind text, project_id uuid, summary text, payload jsonb, at timestamptz)`,
      [JSON.stringify(activities)],
    );
  });
  return count;
}
