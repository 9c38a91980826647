import { communePlaces, loadCog, loadThemes } from "@hub/reference";
import type { DataSource } from "typeorm";
import { ActivityKind } from "../entities/activity.entity";
import { ProjectPhase, ProjectPriority, ProjectStatus } from "../entities/project.entity";
import { Transition } from "../rules/lifecycle";
import { territoryAncestry } from "../rules/project-fields";
import { lockJournal, notifyJournal } from "../services/activity.service";
import { insertProjectRows, random, reached, TITLES, type ActivityRow, type CommentRow, type ProjectRow } from "./demo-data";

/**
 * A national portfolio for volume (`npm run seed -- --projects 80000`): projects spread over
 * every CRTE, on its communes and EPCI, each with a plausible history in the journal —
 * created, submitted (sometimes sent back first), qualified, assigned, messages, funding
 * applications (FUNDING_APPLICATION activities with the amounts requested and granted, as
 * funding records them), started, completed or abandoned — over the last three years.
 * Deterministic: project n is the same on every run; its external id is `seed-<n>` in source
 * `seed`, so a second run adds only the projects missing.
 */

export const SEED_SOURCE = "seed";
const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
/** Projects written per transaction. */
const BATCH = 1000;

/** Where projects end up, and how often (a portfolio in mid-flight). */
const OUTCOMES: [ProjectStatus, number][] = [
  [ProjectStatus.DRAFT, 0.12],
  [ProjectStatus.SUBMITTED, 0.13],
  [ProjectStatus.QUALIFIED, 0.12],
  [ProjectStatus.ASSIGNED, 0.18],
  [ProjectStatus.IN_PROGRESS, 0.22],
  [ProjectStatus.COMPLETED, 0.13],
  [ProjectStatus.ABANDONED, 0.1],
];
const PROCEDURES = [
  { key: "DETR", name: "DETR" },
  { key: "DSIL", name: "DSIL" },
  { key: "FONDS_VERT", name: "Fonds vert" },
];
const OTHER_PROGRAMMES = ["Fonds vert", "Petites villes de demain", "Villages d'avenir", "Action cœur de ville", "France services"];
const MESSAGES = [
  "Pouvez-vous préciser le plan de financement ?",
  "Le dossier est complet, merci.",
  "Réunion de lancement fixée avec les services de l'État.",
  "Le devis de la maîtrise d'œuvre est joint au dossier.",
  "Le calendrier des travaux a été décalé d'un trimestre.",
  "Avis favorable de l'architecte des bâtiments de France.",
];
const INTERNAL_NOTES = ["Projet prioritaire pour le département.", "À inscrire en comité des financeurs.", "Vérifier l'éligibilité à la DSIL."];

export interface Place {
  territoryId: string;
  ownerId: string;
  name: string;
}

/** Each CRTE's communes (with a SIREN: their collectivité exists) and EPCI, in the CRTE list's order. */
export function crtePlaces(): Place[][] {
  const cog = loadCog();
  const sirens = new Map(cog.communes.flatMap((c): [string, string][] => (c.type === "commune-actuelle" && c.siren ? [[c.code, c.siren]] : [])));
  const epcis = new Map(cog.epcis.map((e) => [e.code, e.nom]));
  const byCrte = new Map<string, Place[]>();
  const add = (crte: string, place: Place) => {
    const places = byCrte.get(crte) ?? [];
    places.push(place);
    byCrte.set(crte, places);
  };
  for (const member of cog.crteMembers) {
    const name = epcis.get(member.groupementSiren);
    if (name) add(member.id, { territoryId: `EPCI:${member.groupementSiren}`, ownerId: `COLLECTIVITE:${member.groupementSiren}`, name });
  }
  for (const place of communePlaces().values()) {
    const siren = sirens.get(place.code);
    if (!siren) continue;
    for (const crte of place.crtes) add(crte, { territoryId: `COMMUNE:${place.code}`, ownerId: `COLLECTIVITE:${siren}`, name: place.nom });
  }
  return [...byCrte.values()];
}

/** The theme slugs seeded projects are drawn from (those with titles). */
export function seedThemes(): string[] {
  return loadThemes()
    .map((t) => t.slug)
    .filter((slug) => Object.hasOwn(TITLES, slug));
}

/** One project's rows: the project as it stands now, its comments and its journal (oldest first). */
export interface SeededProject {
  project: ProjectRow;
  comments: CommentRow[];
  activities: ActivityRow[];
}

/** A uuid drawn from the generator (deterministic, version 4 layout). */
function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(next() * 4)];
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Project number `n` (from 1), placed in CRTE `n mod count` of `crtes`, as of `now`. */
export function seededProject(n: number, crtes: Place[][], themes: string[], now: number): SeededProject {
  const next = random(0x5eed0000 + n);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const places = crtes[n % crtes.length];
  // An EPCI carries about one project in six; its communes the others.
  const epcis = places.filter((p) => p.territoryId.startsWith("EPCI:"));
  const communes = places.filter((p) => p.territoryId.startsWith("COMMUNE:"));
  const place = epcis.length > 0 && (communes.length === 0 || next() < 1 / 6) ? pick(epcis) : pick(communes);
  const theme = pick(themes);
  const secondTheme = next() < 0.3 ? pick(themes) : theme;
  const projectThemes = [...new Set([theme, secondTheme])];
  const title = pick(TITLES[theme]).replace("{c}", place.name);
  const id = uuidFrom(next);
  const territoryIds = territoryAncestry(place.territoryId);
  let roll = next();
  const outcome = OUTCOMES.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? ProjectStatus.IN_PROGRESS;
  const budget = Math.round(Math.exp(Math.log(20_000) + next() * (Math.log(5_000_000) - Math.log(20_000))) / 1000) * 1000;

  // The history as offsets in days from creation; anchored in the last three years below.
  const steps: { day: number; kind: ActivityKind; summary: string; payload: Record<string, unknown>; internal?: boolean; comment?: string; key?: string }[] = [];
  let day = 0;
  let status: ProjectStatus = ProjectStatus.DRAFT;
  // Read through a function: the steps below change it from closures, which TypeScript's narrowing does not see.
  const current = () => status;
  const step = (days: number, kind: ActivityKind, summary: string, payload: Record<string, unknown>, extra: { internal?: boolean; comment?: string; key?: string } = {}) => {
    day += days;
    steps.push({ day, kind, summary, payload, ...extra });
  };
  const transition = (days: number, transitionName: Transition, to: ProjectStatus, extra: Record<string, unknown> = {}) => {
    const reason = typeof extra.reason === "string" ? extra.reason : null;
    step(days, transitionName === Transition.ASSIGN ? ActivityKind.ASSIGNED : ActivityKind.STATUS_CHANGED, `Projet « ${title} » ${reached(to)}${reason ? ` : ${reason}` : ""}`, {
      from: status,
      to,
      transition: transitionName,
      reason,
      priority: null,
      ...extra,
    });
    status = to;
  };
  const message = (internal: boolean) => {
    const body = internal ? pick(INTERNAL_NOTES) : pick(MESSAGES);
    step(between(1, 30), ActivityKind.COMMENT_ADDED, internal ? `Note interne sur « ${title} »` : `Message sur « ${title} »`, {}, { internal, comment: body });
  };
  step(0, ActivityKind.PROJECT_CREATED, `Projet « ${title} » créé`, { status: ProjectStatus.DRAFT, territoryIds, themes: projectThemes });
  let priority: ProjectPriority | null = null;
  let statusReason: string | null = null;
  let submittedDay: number | null = null;
  const abandonAt = outcome === ProjectStatus.ABANDONED ? pick([ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED]) : null;
  const abandon = () => {
    const declined = (current() === ProjectStatus.SUBMITTED || current() === ProjectStatus.QUALIFIED) && next() < 0.5;
    statusReason = declined ? "Projet non éligible aux crédits de l'exercice" : "Projet reporté à un prochain exercice budgétaire";
    transition(between(10, 120), declined ? Transition.DECLINE : Transition.ABANDON, ProjectStatus.ABANDONED, { reason: statusReason });
  };

  if (abandonAt === ProjectStatus.DRAFT) abandon();
  if (outcome !== ProjectStatus.DRAFT && abandonAt !== ProjectStatus.DRAFT) {
    transition(between(5, 90), Transition.SUBMIT, ProjectStatus.SUBMITTED);
    if (next() < 0.1) {
      transition(between(3, 30), Transition.SEND_BACK, ProjectStatus.DRAFT, { reason: "Plan de financement à compléter" });
      transition(between(5, 45), Transition.SUBMIT, ProjectStatus.SUBMITTED);
    }
    submittedDay = day;
    if (next() < 0.5) message(false);
  }
  const goes = (past: ProjectStatus) => current() !== ProjectStatus.ABANDONED && outcome !== past && abandonAt !== past;
  if (current() === ProjectStatus.SUBMITTED && abandonAt === ProjectStatus.SUBMITTED) abandon();
  if (current() === ProjectStatus.SUBMITTED && goes(ProjectStatus.SUBMITTED)) {
    priority = pick(Object.values(ProjectPriority));
    transition(between(3, 60), Transition.QUALIFY, ProjectStatus.QUALIFIED, { priority });
    if (next() < 0.4) message(true);
    if (abandonAt === ProjectStatus.QUALIFIED) abandon();
  }
  if (current() === ProjectStatus.QUALIFIED && goes(ProjectStatus.QUALIFIED)) {
    transition(between(2, 45), Transition.ASSIGN, ProjectStatus.ASSIGNED, { assignees: [] });
    if (next() < 0.6) message(false);
    // Funding applications, as funding records them on Démarches Simplifiées.
    const applications = between(1, 2);
    for (let a = 0; a < applications; a++) {
      const procedure = pick(PROCEDURES);
      const applicationId = uuidFrom(next);
      const dossierNumber = between(100_000, 9_999_999);
      const amountRequested = Math.round((budget * (0.2 + next() * 0.6)) / 100) * 100;
      const record = (days: number, from: string | null, to: string, verb: string, amountGranted: number | null) =>
        step(
          days,
          ActivityKind.FUNDING_APPLICATION,
          `Dossier ${procedure.name} n° ${dossierNumber} ${verb}${amountGranted !== null ? ` (montant accordé : ${amountGranted.toLocaleString("fr-FR")} €)` : ""}`,
          {
            applicationId,
            procedure: procedure.key,
            dossierNumber,
            dossierUrl: `https://www.demarches-simplifiees.fr/dossiers/${dossierNumber}`,
            from,
            status: to,
            amountRequested,
            amountGranted,
          },
          { key: `funding:${uuidFrom(next)}` },
        );
      record(between(5, 30), null, "EN_CONSTRUCTION", "déposé", null);
      record(between(10, 60), "EN_CONSTRUCTION", "EN_INSTRUCTION", "en instruction", null);
      const decision = next();
      if (decision < 0.7) record(between(30, 120), "EN_INSTRUCTION", "ACCEPTE", "accepté", Math.round((amountRequested * (0.5 + next() * 0.5)) / 100) * 100);
      else if (decision < 0.9) record(between(30, 120), "EN_INSTRUCTION", "REFUSE", "refusé", null);
    }
    if (abandonAt === ProjectStatus.ASSIGNED) abandon();
  }
  if (current() === ProjectStatus.ASSIGNED && goes(ProjectStatus.ASSIGNED)) {
    transition(between(30, 180), Transition.START, ProjectStatus.IN_PROGRESS);
    if (next() < 0.5) message(false);
  }
  if (current() === ProjectStatus.IN_PROGRESS && goes(ProjectStatus.IN_PROGRESS)) transition(between(120, 720), Transition.COMPLETE, ProjectStatus.COMPLETED);

  // Anchored so the whole history lies in the last three years (a long one started earlier).
  const start = now - (day + Math.floor(next() * Math.max(1, SPAN_DAYS - day))) * DAY - (n % 86_400) * 1000;
  const at = (offset: number) => new Date(start + offset * DAY).toISOString();
  const comments: CommentRow[] = [];
  const activities = steps.map((s): ActivityRow => {
    const payload = { ...s.payload };
    if (s.comment !== undefined) {
      const commentId = uuidFrom(next);
      comments.push({ id: commentId, project_id: id, body: s.comment, internal: s.internal ?? false, created_at: at(s.day) });
      Object.assign(payload, { commentId, internal: s.internal ?? false });
    }
    return { kind: s.kind, project_id: id, summary: s.summary, payload, at: at(s.day), internal: s.internal ?? false, idempotency_key: s.key ?? null };
  });
  const phase = current() === ProjectStatus.IN_PROGRESS || current() === ProjectStatus.COMPLETED ? ProjectPhase.OPERATION : current() === ProjectStatus.DRAFT ? ProjectPhase.IDEE : ProjectPhase.ETUDE;
  const startDate = new Date(start + (day + between(30, 365)) * DAY).toISOString().slice(0, 10);
  return {
    project: {
      id,
      title,
      description: `Projet du contrat de relance et de transition écologique, porté par ${place.territoryId.startsWith("EPCI:") ? "" : "la commune de "}${place.name}.`,
      status,
      themes: projectThemes,
      territory_id: place.territoryId,
      territory_ids: territoryIds,
      owner_id: place.ownerId,
      created_at: at(0),
      updated_at: at(day),
      submitted_at: submittedDay === null ? null : at(submittedDay),
      priority,
      status_reason: current() === ProjectStatus.ABANDONED ? statusReason : null,
      phase,
      programmes: next() < 0.35 ? ["CRTE", pick(OTHER_PROGRAMMES)] : ["CRTE"],
      budget_euros: budget,
      start_date: current() === ProjectStatus.DRAFT && next() < 0.5 ? null : startDate,
      end_date: null,
      external_source: SEED_SOURCE,
      external_id: `seed-${n}`,
    },
    comments,
    activities,
  };
}

export interface SeedReport {
  /** Seeded projects there before this run. */
  existing: number;
  created: number;
  activities: number;
  milliseconds: number;
}

/**
 * Makes sure the database holds `count` seeded projects (source `seed`): adds those missing,
 * BATCH per transaction, each batch's journal in time order. `onProgress` hears the total so far.
 */
export async function seedNationalPortfolio(dataSource: DataSource, count: number, onProgress: (created: number) => void = () => undefined): Promise<SeedReport> {
  const started = Date.now();
  const [{ n: existing }] = await dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM project WHERE external_source = $1", [SEED_SOURCE]);
  const crtes = crtePlaces();
  const themes = seedThemes();
  const now = Date.now();
  let created = 0;
  let activities = 0;
  for (let first = existing + 1; first <= count; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - first + 1) }, (_, i) => seededProject(first + i, crtes, themes, now));
    const journal = batch.flatMap((p) => p.activities).sort((a, b) => a.at.localeCompare(b.at));
    await dataSource.transaction(async (manager) => {
      // The journal's order: ids become visible in increasing order, as for every other writer.
      await lockJournal(manager);
      await insertProjectRows(manager, { projects: batch.map((p) => p.project), comments: batch.flatMap((p) => p.comments), activities: journal });
      await notifyJournal(manager);
    });
    created += batch.length;
    activities += journal.length;
    onProgress(created);
  }
  return { existing, created, activities, milliseconds: Date.now() - started };
}
