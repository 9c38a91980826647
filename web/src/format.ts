const STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Brouillon',
  SUBMITTED: 'Déposé',
  QUALIFIED: 'Qualifié',
  ASSIGNED: 'Attribué',
  IN_PROGRESS: 'En cours',
  COMPLETED: 'Terminé',
  ABANDONED: 'Abandonné',
};

export function formatStatus(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString('fr-FR');
}
