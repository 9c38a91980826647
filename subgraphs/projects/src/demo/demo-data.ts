import type { EntityManager } from "typeorm";
import { LIFECYCLE } from "../rules/lifecycle";
import type { ActivityKind } from "../entities/activity.entity";
import type { ProjectStatus } from "../entities/project.entity";

/**
 * What the demo projects of development mode (`demo-projects.ts`) and the national portfolio of
 * `npm run seed` (`national-portfolio.ts`) share: titles, a seeded generator, and the bulk
 * writes of projects, comments and their journal.
 */

/** Titles per theme slug; "{c}" is the territory's name. */
export const TITLES: Record<string, string[]> = {
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

/** The journal's French words for reaching a status (the lifecycle table's, e.g. "qualifié"). */
export function reached(status: ProjectStatus): string {
  const rule = Object.values(LIFECYCLE).find((candidate) => candidate.to === status);
  if (!rule) throw new Error(`no lifecycle transition reaches ${status}`);
  return rule.summary;
}

/** A deterministic pseudo-random generator (mulberry32), so demo data is the same everywhere. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A project row as the bulk insert takes it (columns of `project`; those omitted take their defaults). */
export interface ProjectRow {
  id: string;
  title: string;
  description: string;
  status: ProjectStatus;
  themes: string[];
  territory_id: string;
  territory_ids: string[];
  owner_id: string;
  created_at: string;
  updated_at?: string;
  submitted_at: string | null;
  priority: string | null;
  status_reason: string | null;
  phase?: string;
  programmes?: string[];
  budget_euros?: number | null;
  start_date?: string | null;
  end_date?: string | null;
  external_source?: string | null;
  external_id?: string | null;
}

export interface ActivityRow {
  kind: ActivityKind;
  project_id: string;
  summary: string;
  payload: Record<string, unknown>;
  at: string;
  internal?: boolean;
  idempotency_key?: string | null;
}

export interface CommentRow {
  id: string;
  project_id: string;
  body: string;
  internal: boolean;
  created_at: string;
}

/**
 * Inserts projects, their comments and their journal in the caller's transaction, in a few
 * statements (a JSON array each). Activities go in the order given: ids follow it.
 */
export async function insertProjectRows(manager: EntityManager, rows: { projects: ProjectRow[]; comments?: CommentRow[]; activities: ActivityRow[] }): Promise<void> {
  await manager.query(
    `INSERT INTO project (id, title, description, status, themes, territory_id, territory_ids, owner_id, created_at, updated_at, submitted_at, priority, status_reason,
                          phase, programmes, budget_euros, start_date, end_date, external_source, external_id)
     SELECT id, title, description, status, themes, territory_id, territory_ids, owner_id, created_at, coalesce(updated_at, created_at), submitted_at, priority, status_reason,
            coalesce(phase, 'IDEE'), coalesce(programmes, '{}'), budget_euros, start_date, end_date, external_source, external_id
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, title text, description text, status text, themes text[], territory_id text, territory_ids text[], owner_id text, created_at timestamptz, updated_at timestamptz,
              submitted_at timestamptz, priority text, status_reason text, phase text, programmes text[], budget_euros bigint, start_date date, end_date date, external_source text, external_id text)`,
    [JSON.stringify(rows.projects)],
  );
  if (rows.comments?.length) {
    await manager.query(
      `INSERT INTO comment (id, project_id, body, internal, created_at)
       SELECT id, project_id, body, internal, created_at FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, project_id uuid, body text, internal boolean, created_at timestamptz)`,
      [JSON.stringify(rows.comments)],
    );
  }
  await manager.query(
    `INSERT INTO activity (kind, project_id, summary, payload, at, internal, idempotency_key)
     SELECT kind, project_id, summary, payload, at, coalesce(internal, false), idempotency_key
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, project_id uuid, summary text, payload jsonb, at timestamptz, internal boolean, idempotency_key text)`,
    [JSON.stringify(rows.activities)],
  );
}
