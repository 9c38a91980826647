/**
 * How one journal activity changes a project's fact and its funding applications' facts: pure
 * functions of the previous facts and the activity (no database, no network).
 *
 * The descriptive fields (title, status, themes, territories, owner...) come from the project
 * as the journal's reader sees it now; the date of each step comes from the activities
 * themselves. A replayed activity (its id not above the fact's last one) changes nothing.
 */

export const FRANCE = "FRANCE";

/** Project statuses, as the projects subgraph names them. */
export const PROJECT_STATUSES = ["DRAFT", "SUBMITTED", "QUALIFIED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "ABANDONED"] as const;
export const PROJECT_PHASES = ["IDEE", "ETUDE", "OPERATION"] as const;
/** A project in one of these is over: it is never counted as inactive. */
export const FINAL_STATUSES: readonly string[] = ["COMPLETED", "ABANDONED"];
/** Funding application states that are a decision. */
export const DECIDED_APPLICATION_STATUSES: readonly string[] = ["ACCEPTE", "REFUSE", "SANS_SUITE"];
/** Funding application states whose amount counts as requested (the dossier was sent). */
export const REQUESTED_APPLICATION_STATUSES: readonly string[] = ["EN_CONSTRUCTION", "EN_INSTRUCTION", "ACCEPTE", "REFUSE"];

/** A project's fact, dates as ISO strings. */
export interface Fact {
  projectId: string;
  territoryId: string;
  /** Its territories, every level above them, and FRANCE. */
  territoryIds: string[];
  title: string;
  status: string;
  themes: string[];
  programmes: string[];
  phase: string;
  ownerId: string;
  actorOrganizationIds: string[];
  budget: number | null;
  amountRequested: number;
  amountGranted: number;
  createdAt: string;
  submittedAt: string | null;
  qualifiedAt: string | null;
  assignedAt: string | null;
  fundingDecidedAt: string | null;
  lastActivityAt: string;
  lastActivityId: string;
}

/** A funding application's fact. */
export interface ApplicationFact {
  applicationId: string;
  projectId: string;
  procedure: string;
  dossierNumber: string | null;
  status: string;
  amountRequested: number | null;
  amountGranted: number | null;
  decidedAt: string | null;
  lastActivityId: string;
}

/** The project as the journal's reader sees it. */
export interface ProjectSnapshot {
  id: string;
  title: string;
  status: string;
  themes: string[];
  programmes: string[];
  phase: string;
  budgetEuros: number | null;
  createdAt: string;
  submittedAt: string | null;
  ownerId: string;
  actorOrganizationIds: string[];
  territoryId: string;
  /** Its territories and every level above them (without FRANCE). */
  territoryIds: string[];
}

/** One journal activity, with what the projection reads of it. */
export interface JournalEvent {
  id: string;
  at: string;
  kind: string;
  /** STATUS_CHANGED and ASSIGNED: the status reached. */
  to: string | null;
  /** FUNDING_APPLICATION and EXTERNAL: the recorded JSON object. */
  payload: Record<string, unknown> | null;
  project: ProjectSnapshot;
}

const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const text = (value: unknown): string | null => {
  if (typeof value === "string") return value === "" ? null : value;
  return typeof value === "number" ? String(value) : null;
};

/**
 * Kinds the projects subgraph writes about a project's silence ("Où en êtes-vous ?" reminders, the
 * inactive flag): they are not activity, so they leave `lastActivityAt` (and the inactive count) alone.
 */
export const SILENCE_KINDS: readonly string[] = ["REMINDER_DUE", "PROJECT_INACTIVE"];

/** Whether an activity is newer than what a fact already holds (journal ids are increasing integers). */
export function isNewer(eventId: string, lastId: string | null | undefined): boolean {
  return lastId === null || lastId === undefined || BigInt(eventId) > BigInt(lastId);
}

/** The application fact after a FUNDING_APPLICATION activity, or the previous one when the activity is not about an application. */
export function projectApplication(previous: ApplicationFact | undefined, event: JournalEvent): ApplicationFact | undefined {
  if (event.kind !== "FUNDING_APPLICATION" || !event.payload) return previous;
  const p = event.payload;
  const applicationId = text(p.applicationId);
  const status = text(p.status);
  if (!applicationId || !status) return previous;
  if (previous && !isNewer(event.id, previous.lastActivityId)) return previous;
  const decided = DECIDED_APPLICATION_STATUSES.includes(status);
  return {
    applicationId,
    projectId: event.project.id,
    procedure: text(p.procedure) ?? previous?.procedure ?? "",
    dossierNumber: text(p.dossierNumber) ?? previous?.dossierNumber ?? null,
    status,
    amountRequested: number(p.amountRequested),
    amountGranted: number(p.amountGranted),
    decidedAt: decided ? (previous?.decidedAt ?? event.at) : null,
    lastActivityId: event.id,
  };
}

/** The project's fact after an activity; `applications` are its applications' facts after it. */
export function projectFact(previous: Fact | undefined, event: JournalEvent, applications: readonly ApplicationFact[]): Fact {
  if (previous && !isNewer(event.id, previous.lastActivityId)) return previous;
  const s = event.project;
  const fact: Fact = {
    projectId: s.id,
    territoryId: s.territoryId,
    territoryIds: [...s.territoryIds.filter((id) => id !== FRANCE), FRANCE],
    title: s.title,
    status: s.status,
    themes: [...new Set(s.themes)],
    programmes: [...new Set(s.programmes)],
    phase: s.phase,
    ownerId: s.ownerId,
    actorOrganizationIds: s.actorOrganizationIds,
    budget: s.budgetEuros,
    amountRequested: sum(applications.filter((a) => REQUESTED_APPLICATION_STATUSES.includes(a.status)).map((a) => a.amountRequested)),
    amountGranted: sum(applications.filter((a) => a.status === "ACCEPTE").map((a) => a.amountGranted)),
    createdAt: s.createdAt,
    submittedAt: previous?.submittedAt ?? s.submittedAt,
    qualifiedAt: previous?.qualifiedAt ?? null,
    assignedAt: previous?.assignedAt ?? null,
    fundingDecidedAt: previous?.fundingDecidedAt ?? null,
    lastActivityAt: SILENCE_KINDS.includes(event.kind) ? (previous?.lastActivityAt ?? s.createdAt) : event.at,
    lastActivityId: event.id,
  };
  if (event.kind === "STATUS_CHANGED" && event.to === "SUBMITTED") {
    // A new submission starts the steps again: the delays measure from the last one.
    Object.assign(fact, { submittedAt: event.at, qualifiedAt: null, assignedAt: null, fundingDecidedAt: null });
  } else if (event.kind === "STATUS_CHANGED" && event.to === "QUALIFIED") {
    fact.qualifiedAt ??= event.at;
  } else if (event.kind === "ASSIGNED") {
    fact.assignedAt ??= event.at;
  } else if (event.kind === "FUNDING_APPLICATION" && DECIDED_APPLICATION_STATUSES.includes(text(event.payload?.status) ?? "")) {
    fact.fundingDecidedAt ??= event.at;
  }
  return fact;
}

function sum(values: (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}
