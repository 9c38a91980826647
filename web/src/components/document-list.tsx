import { useContext, useState, type MouseEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useMutation } from 'urql';
import { DELETE_DOCUMENT_MUTATION } from '../delete-document-mutation';
import { downloadDocument } from '../download-document';
import { formatBytes, formatDate } from '../format';
import { describeError } from '../graphql-errors';
import type { ProjectDocument } from '../project-fiche-query';
import { SessionTokenContext } from '../session-token-context';
import { Alert } from './alert';

/** The DSFR modal asking to confirm a deletion (one for the page: it names the document chosen). */
const deleteModal = createModal({ id: 'supprimer-document', isOpenedByDefault: false });

/** Attached files: name (a download link), size, date, and "Supprimer" (confirmed in a modal) where `viewerCanDelete`. */
export function DocumentList({ documents, onDeleted }: { documents: ProjectDocument[]; onDeleted: () => void }) {
  const token = useContext(SessionTokenContext);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ProjectDocument | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [{ fetching: deleting }, deleteDocument] = useMutation(DELETE_DOCUMENT_MUTATION);

  function handleClick(event: MouseEvent<HTMLAnchorElement>, file: ProjectDocument) {
    event.preventDefault();
    setError(null);
    downloadDocument(file.url, file.name, token).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }

  async function handleConfirm() {
    if (!chosen) return;
    setError(null);
    const result = await deleteDocument({ id: chosen.id });
    deleteModal.close();
    if (result.error) setError(`Suppression de « ${chosen.name} » impossible : ${describeError(result.error)}.`);
    else {
      setDeleted(chosen.name);
      onDeleted();
    }
  }

  return (
    <section className="fr-mb-4w" aria-labelledby="documents-title">
      <h2 id="documents-title">
        Documents <span className="count">({documents.length})</span>
      </h2>
      {deleted && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status">
          <p>Document « {deleted} » supprimé.</p>
        </div>
      )}
      {documents.length === 0 ? (
        <p className="muted">Aucun document.</p>
      ) : (
        <ul className="items">
          {documents.map((file) => (
            <li key={file.id} data-testid="document" className="item-head">
              <a href={file.url} download={file.name} onClick={(event) => handleClick(event, file)}>
                {file.name}
              </a>
              <span className="muted">
                {formatBytes(file.size)} · {formatDate(file.createdAt)}
              </span>
              {file.viewerCanDelete && (
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  nativeButtonProps={{ ...deleteModal.buttonProps, id: `supprimer-${file.id}`, 'aria-label': `Supprimer « ${file.name} »` }}
                  onClick={() => {
                    setDeleted(null);
                    setChosen(file);
                  }}
                >
                  Supprimer
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Alert message={error} />
      <deleteModal.Component
        title="Supprimer le document"
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: deleting ? 'Suppression…' : 'Supprimer définitivement', iconId: 'fr-icon-delete-line', doClosesModal: false, disabled: deleting, onClick: () => void handleConfirm() },
        ]}
      >
        <p>Le document « {chosen?.name} » sera supprimé du projet pour tous ses participants, et son fichier effacé. Cette action est inscrite au journal du projet et ne peut pas être annulée.</p>
      </deleteModal.Component>
    </section>
  );
}
