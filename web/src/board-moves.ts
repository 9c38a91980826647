import type { CombinedError } from 'urql';
import { formatStatus } from './format';
import { describeError } from './graphql-errors';

/** What a move to a column asks of the agent before it is sent: a priority (qualifying), a motif (declining, abandoning), nothing else. */
export type MoveNeed = 'priority' | 'reason' | null;

export function moveNeeds(to: string): MoveNeed {
  if (to === 'QUALIFIED') return 'priority';
  if (to === 'ABANDONED') return 'reason';
  return null;
}

/** Why the API refused a move, in French, for the person who tried it. */
export function explainRefusedMove(error: CombinedError, from: string, to: string): string {
  const codes = error.graphQLErrors.map((e) => e.extensions.code);
  const step = `de « ${formatStatus(from)} » à « ${formatStatus(to)} »`;
  if (codes.includes('CONFLICT')) return `le cycle de vie d'un projet ne permet pas de passer ${step} (ou le projet a changé entre-temps : rechargez le tableau).`;
  if (codes.includes('FORBIDDEN')) return `passer ${step} revient à un autre acteur du projet (la collectivité qui le porte, ou l'État de son département).`;
  if (codes.includes('NOT_FOUND')) return "ce projet n'existe plus, ou n'est plus visible pour vous.";
  return describeError(error);
}
