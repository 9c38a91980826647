/** The lifecycle steps of a project (ProjectTransition) and what each asks of the viewer. */
export type Transition = 'SUBMIT' | 'SEND_BACK' | 'QUALIFY' | 'ASSIGN' | 'START' | 'COMPLETE' | 'DECLINE' | 'ABANDON';

const TRANSITION_LABELS: Record<Transition, string> = {
  SUBMIT: 'Déposer le projet',
  SEND_BACK: 'Renvoyer pour compléments',
  QUALIFY: 'Qualifier',
  ASSIGN: "M'attribuer le projet",
  START: 'Lancer',
  COMPLETE: 'Marquer comme terminé',
  DECLINE: 'Décliner',
  ABANDON: 'Abandonner',
};

function isTransition(value: string): value is Transition {
  return Object.hasOwn(TRANSITION_LABELS, value);
}

export function transitionLabel(transition: string): string {
  return isTransition(transition) ? TRANSITION_LABELS[transition] : transition;
}

/** Steps the API refuses without a reason (sent back, declined, abandoned). */
export function needsReason(transition: string): boolean {
  return transition === 'SEND_BACK' || transition === 'DECLINE' || transition === 'ABANDON';
}

/** ProjectPriority values, highest first. */
export const PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;
