import { formatDateTime } from '../format';
import type { ProjectRights } from '../project-fiche-query';
import type { ProjectCommentsState } from '../use-project-comments';
import { CommentForm } from './comment-form';
import { Alert } from './alert';

interface ConversationProps {
  projectId: string;
  /** Whether the form is shown, and with the internal note box. */
  rights: ProjectRights;
  state: ProjectCommentsState;
}

/** The project's messages, oldest first, internal notes marked, and the form to write one (when the viewer may). */
export function Conversation({ projectId, rights, state }: ConversationProps) {
  const { comments, hasMore, fetching, error } = state;
  return (
    <section className="fr-mb-4w" aria-labelledby="conversation-title">
      <h2 id="conversation-title">
        Conversation <span className="count">({comments.length})</span>
      </h2>
      {comments.length === 0 && !fetching && !error && <p className="muted">Aucun message.</p>}
      {comments.length > 0 && (
        <ol className="messages">
          {comments.map((comment) => (
            <li key={comment.id} data-testid="comment" className={comment.internal ? 'message internal' : 'message'}>
              <div className="item-head">
                <strong>{comment.author?.name ?? 'Auteur non communiqué'}</strong>
                <span className="muted">{formatDateTime(comment.createdAt)}</span>
                {comment.internal && <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--yellow-tournesol tag-internal">Note interne</span>}
              </div>
              <p className="text">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {hasMore && <p className="muted">Seuls les 50 premiers messages sont affichés.</p>}
      <Alert message={error} prefix="Erreur : " />
      {rights.comment && <CommentForm projectId={projectId} internalNotes={rights.internalNotes} />}
    </section>
  );
}
