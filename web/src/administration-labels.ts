/** French labels of the administration page: roles, account statuses, API key scopes. */

const ROLE_LABELS: Record<string, string> = {
  COLLECTIVITE_AGENT: 'Agent de collectivité',
  STATE_AGENT: "Agent de l'État",
  ANCT_NATIONAL: "Agent national de l'ANCT",
  EXPERT: 'Expert',
  ANALYST: 'Analyste',
};

const ACCOUNT_STATUS_LABELS: Record<string, string> = { ACTIVE: 'Actif', PENDING: 'Invité, jamais connecté', SUSPENDED: 'Suspendu' };

export const ACCOUNT_STATUS_OPTIONS = [
  { value: 'ACTIVE', label: 'Actif' },
  { value: 'PENDING', label: 'Invité, jamais connecté' },
  { value: 'SUSPENDED', label: 'Suspendu' },
] as const;

/** The scopes a programme's key may carry (the API's list), with what each lets it do. */
export const API_SCOPE_OPTIONS = [
  { value: 'projects:read', label: 'Lire les projets', hint: 'projects:read — projets et financements visibles des programmes' },
  { value: 'stats:read', label: 'Lire les statistiques', hint: 'stats:read — tableaux de bord et séries' },
  { value: 'projects:import', label: 'Importer des projets', hint: 'projects:import — import de portefeuilles existants' },
  { value: 'grist:sync', label: 'Synchroniser avec Grist', hint: 'grist:sync — avec « Lire les projets »' },
] as const;

export function formatRole(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export function formatAccountStatus(status: string): string {
  return ACCOUNT_STATUS_LABELS[status] ?? status;
}

export function formatScope(scope: string): string {
  return API_SCOPE_OPTIONS.find((option) => option.value === scope)?.label ?? scope;
}

const ORGANIZATION_KIND_LABELS: Record<string, string> = {
  COLLECTIVITE: 'Collectivité',
  PREFECTURE: 'Préfecture',
  SOUS_PREFECTURE: 'Sous-préfecture',
  DDT: 'DDT',
  ANCT: 'ANCT',
  OPERATOR: 'Opérateur',
};

export function formatOrganizationKind(kind: string): string {
  return ORGANIZATION_KIND_LABELS[kind] ?? kind;
}
