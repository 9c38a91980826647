import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { describeGristError, SYNC_TO_GRIST_MUTATION } from '../grist-sync-mutation';
import { Alert } from './alert';

/** "Synchroniser avec Grist": the projects of the dashboard's filter into a Grist table (`syncToGrist`). */
export function GristSyncForm({ filter }: { filter: Record<string, string> }) {
  const [docId, setDocId] = useState('');
  const [tableId, setTableId] = useState('');
  const [keepCurrent, setKeepCurrent] = useState(false);
  const [result, sync] = useMutation(SYNC_TO_GRIST_MUTATION);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void sync({ docId: docId.trim(), tableId: tableId.trim(), filter, keepCurrent });
  };
  const answer = result.data?.syncToGrist;
  return (
    <form onSubmit={submit} aria-labelledby="grist-title" data-testid="grist-sync">
      <h2 id="grist-title" className="fr-h4">
        Synchroniser avec Grist
      </h2>
      <p className="muted">Les projets du filtre ci-dessus sont ajoutés ou mis à jour dans la table, une ligne par projet.</p>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="grist-doc">
          Identifiant du document Grist
        </label>
        <input className="fr-input" id="grist-doc" required value={docId} onChange={(event) => setDocId(event.target.value)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="grist-table">
          Identifiant de la table
        </label>
        <input className="fr-input" id="grist-table" required value={tableId} onChange={(event) => setTableId(event.target.value)} />
      </div>
      <div className="fr-checkbox-group fr-mb-2w">
        <input type="checkbox" id="grist-keep" checked={keepCurrent} onChange={(event) => setKeepCurrent(event.target.checked)} />
        <label className="fr-label" htmlFor="grist-keep">
          Tenir la table à jour automatiquement
        </label>
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={result.fetching || docId.trim() === '' || tableId.trim() === ''}>
        Synchroniser avec Grist
      </button>
      <Alert message={result.error && describeGristError(result.error)} prefix="Synchronisation impossible : " />
      {answer && (
        <p role="status" className="fr-mt-2w">
          {answer.done ? 'Synchronisation terminée' : 'Synchronisation en cours (elle se poursuit en arrière-plan)'} : {answer.rows} projet{answer.rows > 1 ? 's' : ''} envoyé
          {answer.rows > 1 ? 's' : ''}
          {answer.columnsCreated.length > 0 ? `, colonnes créées : ${answer.columnsCreated.join(', ')}` : ''}
          {answer.scheduled ? '. La table sera tenue à jour.' : '.'}
        </p>
      )}
    </form>
  );
}
