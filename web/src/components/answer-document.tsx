import { useContext, useState, type MouseEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { downloadDocument } from '../download-document';
import type { AnswerDocument } from '../questionnaire-answers';
import { SessionTokenContext } from '../session-token-context';
import { documentUrl, uploadDocument } from '../upload-document';
import { Alert } from './alert';

/** A document attached to an answer: its name, a download (the session's token goes with it); inline (phrasing content only). */
export function AnswerDocumentLink({ document }: { document: AnswerDocument }) {
  const token = useContext(SessionTokenContext);
  const [error, setError] = useState<string | null>(null);
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setError(null);
    downloadDocument(document.url, document.name, token).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }
  return (
    <>
      <a href={document.url} download={document.name} onClick={handleClick}>
        {document.name}
      </a>
      {error && (
        <span className="fr-error-text fr-mt-0" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

interface AnswerDocumentFieldProps {
  projectId: string;
  /** Unique in the page (the question's field id). */
  id: string;
  document: AnswerDocument | null;
  /** The document to attach (null: detach it; it stays among the project's documents). */
  onChange: (document: AnswerDocument | null) => void;
  disabled: boolean;
}

/**
 * "Joindre un document" to an answer: the file is sent as the fiche's documents are
 * (upload-document.ts), then attached to the answer, which is saved; "Retirer" detaches it.
 */
export function AnswerDocumentField({ projectId, id, document, onChange, disabled }: AnswerDocumentFieldProps) {
  const token = useContext(SessionTokenContext);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleFile(file: File | null) {
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const uploaded = await uploadDocument(projectId, file, token);
      onChange({ id: uploaded.id, name: uploaded.name, url: documentUrl(uploaded.id) });
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  }

  if (document)
    return (
      <p className="fr-text--sm fr-mb-1w" data-testid="answer-document">
        Document joint : <AnswerDocumentLink document={document} />{' '}
        {!disabled && (
          <Button
            type="button"
            size="small"
            priority="tertiary no outline"
            iconId="fr-icon-close-line"
            nativeButtonProps={{ 'aria-label': `Retirer le document « ${document.name} »` }}
            onClick={() => onChange(null)}
          >
            Retirer
          </Button>
        )}
      </p>
    );
  if (disabled) return null;
  if (!open)
    return (
      <Button type="button" size="small" priority="tertiary no outline" iconId="fr-icon-attachment-line" onClick={() => setOpen(true)}>
        Joindre un document
      </Button>
    );
  return (
    <div className="fr-mb-1w">
      <Upload
        label="Document à joindre"
        hint="PDF, image, document bureautique ou texte. Il rejoint aussi les documents du projet."
        nativeInputProps={{ id: `${id}-document`, disabled: pending, onChange: (e) => void handleFile(e.target.files?.item(0) ?? null) }}
      />
      {pending && (
        <p className="fr-text--sm" role="status">
          Envoi…
        </p>
      )}
      <Alert message={error} />
    </div>
  );
}
