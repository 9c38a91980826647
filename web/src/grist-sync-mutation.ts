import type { CombinedError } from 'urql';
import { graphql } from './graphql';
import { describeError } from './graphql-errors';

/** Sends the projects of the dashboard's filter to a Grist table (and keeps it current if asked). */
export const SYNC_TO_GRIST_MUTATION = graphql(`
  mutation SyncToGrist($docId: String!, $tableId: String!, $filter: ProjectExportFilter, $keepCurrent: Boolean!) {
    syncToGrist(docId: $docId, tableId: $tableId, filter: $filter, keepCurrent: $keepCurrent) {
      docId
      tableId
      rows
      requests
      columnsCreated
      currentAt
      scheduled
      done
    }
  }
`);

/** What each `reason` of a Grist failure means to the person who asked for the sync. */
const BY_REASON: Record<string, string> = {
  GRIST_NOT_CONFIGURED: "aucun Grist n'est configuré pour ce hub",
  GRIST_RATE_LIMITED: 'Grist limite le nombre de requêtes, réessayez dans quelques instants',
  GRIST_KEY_REFUSED: 'Grist a refusé la clé du hub',
  GRIST_NOT_FOUND: 'document ou table introuvable dans Grist : vérifiez leurs identifiants',
  GRIST_REFUSED: 'Grist a refusé les données',
};

/** A French description of a failed sync: the Grist reason when there is one, else the usual one. */
export function describeGristError(error: CombinedError): string {
  const reasons = error.graphQLErrors.map((e) => (typeof e.extensions.reason === 'string' ? BY_REASON[e.extensions.reason] : undefined)).filter((text) => text !== undefined);
  return reasons.length > 0 ? [...new Set(reasons)].join(' ; ') : describeError(error);
}
