import type { CombinedError } from 'urql';

/** What each error code of the API means to the person using the app (the API's own messages are in English, for developers). */
const BY_CODE: Record<string, string> = {
  BAD_USER_INPUT: 'saisie invalide',
  UNAUTHENTICATED: 'session expirée ou absente, reconnectez-vous',
  FORBIDDEN: "vous n'avez pas le droit de faire cela",
  NOT_FOUND: "introuvable, ou vous n'y avez pas accès",
  CONFLICT: "modifié entre-temps par quelqu'un d'autre : rechargez la page",
  UPSTREAM_UNAVAILABLE: 'service momentanément indisponible, réessayez plus tard',
};

/** French names of the input fields an error may point at. */
const FIELDS: Record<string, string> = {
  body: 'message',
  title: 'titre',
  description: 'description',
  themes: 'thématiques',
  communeIds: 'communes',
  territoryId: 'territoire',
};

/** A French description of a GraphQL or network error, for display after a French prefix. */
export function describeError(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) {
    const described = error.graphQLErrors.map((e) => {
      const code = typeof e.extensions.code === 'string' ? e.extensions.code : '';
      const field = typeof e.extensions.field === 'string' ? e.extensions.field : '';
      const text = BY_CODE[code] ?? 'erreur inattendue du serveur';
      return field && code === 'BAD_USER_INPUT' ? `${text} (${FIELDS[field] ?? field})` : text;
    });
    return [...new Set(described)].join(' ; ');
  }
  if (error.networkError) return 'connexion au serveur impossible ou perdue';
  return 'erreur inattendue';
}

/** Whether the API answered NOT_FOUND (a project that does not exist or is not yours to see). */
export function isNotFound(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions.code === 'NOT_FOUND');
}

/** Whether the API answered CONFLICT (the fiche changed since it was read). */
export function isConflict(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions.code === 'CONFLICT');
}
