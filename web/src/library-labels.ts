/** French names of the library's kinds and statuses, and of recommendations' statuses. */

const KIND_LABELS: Record<string, string> = {
  GUIDE: 'Guide',
  PROGRAMME: 'Programme',
  EXPERT_SERVICE: "Service d'expertise",
  ENGINEERING_AID: 'Aide en ingénierie',
  TOOL: 'Outil en ligne',
  TRAINING: 'Formation ou réseau',
};

const RESOURCE_STATUS_LABELS: Record<string, string> = { DRAFT: 'Brouillon', PUBLISHED: 'Publiée', ARCHIVED: 'Archivée' };

const RECOMMENDATION_STATUS_LABELS: Record<string, string> = {
  PROPOSED: 'Proposée',
  IN_PROGRESS: 'En cours',
  BLOCKED: 'Bloquée',
  DONE: 'Terminée',
  NOT_INTERESTED: 'Pas intéressé',
  ALREADY_DONE: 'Déjà fait',
};

export function formatResourceKind(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export function formatResourceStatus(status: string): string {
  return RESOURCE_STATUS_LABELS[status] ?? status;
}

export function formatRecommendationStatus(status: string): string {
  return RECOMMENDATION_STATUS_LABELS[status] ?? status;
}

export const RESOURCE_KIND_OPTIONS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));

/** The statuses a follow-up may set (all but "Proposée"). */
export const FOLLOW_UP_STATUS_OPTIONS = Object.entries(RECOMMENDATION_STATUS_LABELS)
  .filter(([value]) => value !== 'PROPOSED')
  .map(([value, label]) => ({ value, label }));
