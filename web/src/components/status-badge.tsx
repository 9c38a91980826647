import { formatStatus } from '../format';

const SEVERITY: Record<string, string> = {
  DRAFT: '',
  SUBMITTED: 'fr-badge--new',
  QUALIFIED: 'fr-badge--info',
  ASSIGNED: 'fr-badge--info',
  IN_PROGRESS: 'fr-badge--info',
  COMPLETED: 'fr-badge--success',
  ABANDONED: 'fr-badge--error',
};

/** A project's status as a DSFR badge. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon status ${SEVERITY[status] ?? ''}`}>{formatStatus(status)}</span>;
}
