import { hasRole, type Viewer } from "@hub/kit";
import { ProjectStatus } from "../entities/project.entity";

/**
 * The project lifecycle, in one place: which transition goes from which statuses to which,
 * and who may make it. Everything else asks `checkTransition` (or `availableTransitions`).
 * Kept as our own table on purpose: eight rows of data read more plainly than a state-machine
 * library's configuration would, and `lifecycle.test.ts` checks every transition × status × role.
 */
export enum Transition {
  SUBMIT = "SUBMIT",
  SEND_BACK = "SEND_BACK",
  QUALIFY = "QUALIFY",
  ASSIGN = "ASSIGN",
  START = "START",
  COMPLETE = "COMPLETE",
  DECLINE = "DECLINE",
  ABANDON = "ABANDON",
}

/** Who acts on a project: its owner's agents, the State of its département, national bodies. */
export type Actor = "OWNER" | "STATE";

export interface TransitionRule {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  by: readonly Actor[];
  /** Whether the caller must give a reason (sent back, declined, abandoned). */
  reason: boolean;
  /** French verb for the journal: "Projet « X » <summary>". */
  summary: string;
}

const S = ProjectStatus;

export const LIFECYCLE: Record<Transition, TransitionRule> = {
  [Transition.SUBMIT]: { from: [S.DRAFT], to: S.SUBMITTED, by: ["OWNER"], reason: false, summary: "déposé" },
  [Transition.SEND_BACK]: { from: [S.SUBMITTED], to: S.DRAFT, by: ["STATE"], reason: true, summary: "renvoyé pour compléments" },
  [Transition.QUALIFY]: { from: [S.SUBMITTED], to: S.QUALIFIED, by: ["STATE"], reason: false, summary: "qualifié" },
  [Transition.ASSIGN]: { from: [S.QUALIFIED, S.ASSIGNED], to: S.ASSIGNED, by: ["STATE"], reason: false, summary: "attribué" },
  [Transition.START]: { from: [S.ASSIGNED], to: S.IN_PROGRESS, by: ["OWNER", "STATE"], reason: false, summary: "lancé" },
  [Transition.COMPLETE]: { from: [S.IN_PROGRESS], to: S.COMPLETED, by: ["OWNER", "STATE"], reason: false, summary: "terminé" },
  [Transition.DECLINE]: { from: [S.SUBMITTED, S.QUALIFIED], to: S.ABANDONED, by: ["STATE"], reason: true, summary: "décliné" },
  [Transition.ABANDON]: { from: [S.DRAFT, S.SUBMITTED, S.QUALIFIED, S.ASSIGNED, S.IN_PROGRESS], to: S.ABANDONED, by: ["OWNER"], reason: true, summary: "abandonné" },
};

/** Statuses no transition leaves. */
export const FINAL_STATUSES: readonly ProjectStatus[] = [S.COMPLETED, S.ABANDONED];

export interface ProjectPlace {
  ownerId: string;
  /** Département codes the project is in. */
  departements: string[];
}

/** In which capacities the viewer acts on this project. */
export function actorsOf(viewer: Viewer, project: ProjectPlace): Actor[] {
  const actors: Actor[] = [];
  if (hasRole(viewer, "COLLECTIVITE_AGENT") && viewer.organizationId === project.ownerId) actors.push("OWNER");
  if (hasRole(viewer, "ANCT_NATIONAL") || (hasRole(viewer, "STATE_AGENT") && project.departements.some((d) => viewer.departements.includes(d)))) actors.push("STATE");
  return actors;
}

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; reason: "FORBIDDEN" | "ILLEGAL" };

/** Whether `viewer` may apply `transition` to a project in `status`. */
export function checkTransition(viewer: Viewer, project: ProjectPlace & { status: ProjectStatus }, transition: Transition): TransitionCheck {
  const rule = LIFECYCLE[transition];
  if (!rule.by.some((actor) => actorsOf(viewer, project).includes(actor))) return { ok: false, reason: "FORBIDDEN" };
  if (!rule.from.includes(project.status)) return { ok: false, reason: "ILLEGAL" };
  return { ok: true, rule };
}

/** The transitions `viewer` may apply to the project now, in the table's order (the enum's). */
export function availableTransitions(viewer: Viewer, project: ProjectPlace & { status: ProjectStatus }): Transition[] {
  return Object.values(Transition).filter((transition) => checkTransition(viewer, project, transition).ok);
}

export type MoveCheck = { ok: true; transition: Transition } | { ok: false; reason: "FORBIDDEN" | "ILLEGAL" };

/**
 * The board: moving a project's card to the column `to` is the lifecycle step from its status to
 * `to` that the viewer may take (ASSIGN again within ASSIGNED is no move). FORBIDDEN when such a
 * step exists but is another role's, ILLEGAL when the lifecycle has none.
 */
export function moveToStatus(viewer: Viewer, project: ProjectPlace & { status: ProjectStatus }, to: ProjectStatus): MoveCheck {
  const steps = Object.values(Transition).filter((t) => LIFECYCLE[t].to === to && to !== project.status && LIFECYCLE[t].from.includes(project.status));
  const allowed = steps.find((t) => checkTransition(viewer, project, t).ok);
  if (allowed) return { ok: true, transition: allowed };
  return { ok: false, reason: steps.length > 0 ? "FORBIDDEN" : "ILLEGAL" };
}
