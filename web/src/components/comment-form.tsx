import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ADD_COMMENT_MUTATION } from '../add-comment-mutation';
import { describeError } from '../graphql-errors';

/** "Votre message" and "Envoyer": a message in the project's conversation. */
export function CommentForm({ projectId }: { projectId: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, addComment] = useMutation(ADD_COMMENT_MUTATION);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    // CommentConnection: the conversation is read again even when it was empty.
    const result = await addComment({ projectId, body: body.trim() }, { additionalTypenames: ['CommentConnection'] });
    if (result.error) setError(`Envoi impossible : ${describeError(result.error)}`);
    else setBody('');
  }

  return (
    <form className="comment-form" onSubmit={handleSubmit}>
      <label htmlFor="comment-body">Votre message</label>
      <textarea id="comment-body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} readOnly={fetching} />
      <div className="row">
        <button type="submit" disabled={fetching || body.trim() === ''}>
          Envoyer
        </button>
        {fetching && <span className="muted">Envoi en cours…</span>}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
