const STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Brouillon',
  SUBMITTED: 'Déposé',
  QUALIFIED: 'Qualifié',
  ASSIGNED: 'Attribué',
  IN_PROGRESS: 'En cours',
  COMPLETED: 'Terminé',
  ABANDONED: 'Abandonné',
};

const PHASE_LABELS: Record<string, string> = { IDEE: 'Idée', ETUDE: 'Étude', OPERATION: 'Opération' };

const PRIORITY_LABELS: Record<string, string> = { LOW: 'Basse', NORMAL: 'Normale', HIGH: 'Haute' };

const MATURITY_LABELS: Record<string, string> = { INTENTION: 'Intention', PROGRAMMED: 'Programmé', READY: 'Prêt à démarrer' };

const ACTION_STATUS_LABELS: Record<string, string> = {
  PROPOSED: 'Proposée',
  IN_PROGRESS: 'En cours',
  BLOCKED: 'Bloquée',
  DONE: 'Réalisée',
  NOT_RELEVANT: 'Sans objet',
};

/**
 * Fields another subgraph resolves (a project's territory, its porteur...) are null, with an error
 * naming that subgraph, while it cannot answer: the page shows these instead, and the rest of it.
 */
export const TERRITORY_UNAVAILABLE = 'Territoire indisponible';
export const TERRITORIES_UNAVAILABLE = 'Territoires indisponibles';
export const ORGANIZATION_UNAVAILABLE = 'Organisation indisponible';
export const UNAVAILABLE = '—';

export function territoryName(territory: { name: string } | null): string {
  return territory?.name ?? TERRITORY_UNAVAILABLE;
}

/** The names of territories, or TERRITORIES_UNAVAILABLE. */
export function territoryNames(territories: { name: string }[] | null): string {
  return territories ? territories.map((t) => t.name).join(', ') : TERRITORIES_UNAVAILABLE;
}

export function organizationName(organization: { name: string } | null): string {
  return organization?.name ?? ORGANIZATION_UNAVAILABLE;
}

export function formatStatus(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export function formatPhase(phase: string): string {
  return PHASE_LABELS[phase] ?? phase;
}

export function formatPriority(priority: string): string {
  return PRIORITY_LABELS[priority] ?? priority;
}

export function formatMaturity(maturity: string): string {
  return MATURITY_LABELS[maturity] ?? maturity;
}

export function formatActionStatus(status: string): string {
  return ACTION_STATUS_LABELS[status] ?? status;
}

export function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString('fr-FR');
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

/** A calendar day (YYYY-MM-DD) as DD/MM/YYYY, with no time zone shift. */
export function formatDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function formatEuros(amount: number): string {
  return EUROS.format(amount);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} octets`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** The statuses, in lifecycle order, for a filter. */
export const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The phases, for a form. */
export const PHASE_OPTIONS = Object.entries(PHASE_LABELS).map(([value, label]) => ({ value, label }));

/** The maturities of an état des lieux, for a form. */
export const MATURITY_OPTIONS = Object.entries(MATURITY_LABELS).map(([value, label]) => ({ value, label }));

const APPLICATION_STATUS_LABELS: Record<string, string> = {
  PREFILLED: 'Pré-rempli, pas encore ouvert',
  BROUILLON: 'Brouillon sur Démarches Simplifiées',
  EN_CONSTRUCTION: 'Déposé, en construction',
  EN_INSTRUCTION: 'En instruction',
  ACCEPTE: 'Accepté',
  REFUSE: 'Refusé',
  SANS_SUITE: 'Classé sans suite',
};

/** A Démarches Simplifiées dossier's state, in French. */
export function formatApplicationStatus(status: string): string {
  return APPLICATION_STATUS_LABELS[status] ?? status;
}

/** Action statuses, for a form. */
export const ACTION_STATUS_OPTIONS = Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => ({ value, label }));
