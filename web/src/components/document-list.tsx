import { useContext, useState, type MouseEvent } from 'react';
import { downloadDocument } from '../download-document';
import { formatBytes, formatDate } from '../format';
import type { ProjectDocument } from '../project-fiche-query';
import { SessionTokenContext } from '../session-token-context';
import { Alert } from './alert';

/** Attached files: name (a download link), size, date. */
export function DocumentList({ documents }: { documents: ProjectDocument[] }) {
  const token = useContext(SessionTokenContext);
  const [error, setError] = useState<string | null>(null);

  function handleClick(event: MouseEvent<HTMLAnchorElement>, file: ProjectDocument) {
    event.preventDefault();
    setError(null);
    downloadDocument(file.url, file.name, token).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }

  return (
    <section className="fr-mb-4w" aria-labelledby="documents-title">
      <h2 id="documents-title">
        Documents <span className="count">({documents.length})</span>
      </h2>
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
            </li>
          ))}
        </ul>
      )}
      <Alert message={error} />
    </section>
  );
}
