import { useContext, useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { SessionTokenContext } from '../session-token-context';
import { uploadDocument } from '../upload-document';
import { Alert } from './alert';

/** "Ajouter un document": one file, sent to the gateway with the session's token. */
export function DocumentUpload({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const token = useContext(SessionTokenContext);
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setError('Choisissez un fichier à envoyer.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await uploadDocument(projectId, file, token);
      setFile(null);
      setInputKey((key) => key + 1);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="fr-mt-4w" aria-labelledby="upload-title">
      <h3 id="upload-title" className="fr-h6">
        Ajouter un document
      </h3>
      <Upload
        key={inputKey}
        label="Fichier"
        hint="PDF, image, document bureautique ou texte."
        nativeInputProps={{ id: 'document-file', onChange: (e) => setFile(e.target.files?.item(0) ?? null), disabled: pending }}
      />
      <Button type="submit" className="fr-mt-2w" disabled={pending}>
        {pending ? 'Envoi…' : 'Envoyer le document'}
      </Button>
      <Alert message={error} />
    </form>
  );
}
