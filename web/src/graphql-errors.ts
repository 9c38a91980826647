import type { CombinedError } from 'urql';

/** The messages of a GraphQL or network error, for display after a French prefix. */
export function describeError(error: CombinedError): string {
  const messages = error.graphQLErrors.map((e) => e.message);
  if (messages.length > 0) return messages.join(' ; ');
  // A WebSocket that closed for good gives a CloseEvent (a reason, no message).
  const network = error.networkError as (Error & { reason?: string }) | undefined;
  if (network) return network.message || network.reason || 'connexion au serveur perdue';
  return error.message;
}

/** Whether the API answered NOT_FOUND (a project that does not exist or is not yours to see). */
export function isNotFound(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
}
