import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { ADD_COMMENT_MUTATION } from '../add-comment-mutation';
import { describeError } from '../graphql-errors';
import { Alert } from './alert';

interface CommentFormProps {
  projectId: string;
  /** Whether the viewer may write internal notes (State agents): shows the box. */
  internalNotes: boolean;
}

/** "Votre message" and "Envoyer": a message in the project's conversation, or an internal note. */
export function CommentForm({ projectId, internalNotes }: CommentFormProps) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, addComment] = useMutation(ADD_COMMENT_MUTATION);

  // Never rejects: urql resolves a failed mutation into result.error, shown in the form.
  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    // CommentConnection: the conversation is read again even when it was empty.
    const result = await addComment({ projectId, body: body.trim(), internal: internalNotes && internal }, { additionalTypenames: ['CommentConnection'] });
    if (result.error) setError(`Envoi impossible : ${describeError(result.error)}`);
    else {
      setBody('');
      setInternal(false);
    }
  }

  return (
    <form className="comment-form fr-mt-3w" onSubmit={(event) => void handleSubmit(event)}>
      <label className="fr-label" htmlFor="comment-body">
        Votre message
      </label>
      <textarea className="fr-input" id="comment-body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} readOnly={fetching} />
      {internalNotes && (
        <div className="fr-checkbox-group fr-my-2w">
          <input type="checkbox" id="comment-internal" checked={internal} onChange={(e) => setInternal(e.target.checked)} disabled={fetching} />
          <label className="fr-label" htmlFor="comment-internal">
            Note interne (visible des seuls agents de l'État)
          </label>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="fr-btn" disabled={fetching || body.trim() === ''}>
          Envoyer
        </button>
        {fetching && <span className="muted">Envoi en cours…</span>}
      </div>
      <Alert message={error} />
    </form>
  );
}
