import { useState } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { formatDateTime, formatDay, formatPriority } from '../format';
import { describeError } from '../graphql-errors';
import { formatRecommendationStatus } from '../library-labels';
import { PUBLISH_RECOMMENDATION_MUTATION, type Recommendation } from '../recommendation-operations';
import { resourceHash } from '../use-hash-route';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { FollowUpForm } from './follow-up-form';
import { RecommendationEditForm } from './recommendation-edit-form';

interface RecommendationCardProps {
  recommendation: Recommendation;
  viewer: Viewer;
  /** Project.viewerCan.recommend: the State side of this project, which publishes drafts. */
  canRecommend: boolean;
  onChanged: () => void;
  /** The native props of the button that opens the page's delete confirmation, and what to do when it is pressed. */
  deleteButtonProps: Record<string, unknown>;
  onDelete: (recommendation: Recommendation) => void;
}

/** One recommendation: status, priority, deadline, why and what to do, contact, resource, follow-ups, read receipts; publishing a draft; answering with a follow-up; "Modifier" and "Supprimer" where `viewerCanEdit`. */
export function RecommendationCard({ recommendation: r, viewer, canRecommend, onChanged, deleteButtonProps, onDelete }: RecommendationCardProps) {
  const [{ fetching }, publish] = useMutation(PUBLISH_RECOMMENDATION_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const draft = r.visibility === 'DRAFT';

  async function handlePublish() {
    setError(null);
    const result = await publish({ id: r.id });
    if (result.error) setError(`Publication impossible : ${describeError(result.error)}.`);
    else onChanged();
  }

  return (
    <article className="recommendation fr-p-2w fr-mb-3w" data-testid="recommendation" aria-labelledby={`recommendation-${r.id}`}>
      <h3 id={`recommendation-${r.id}`} className="fr-h5 fr-mb-1w">
        {r.title}
      </h3>
      <p className="fr-mb-1w">
        <Badge small severity={r.status === 'BLOCKED' ? 'warning' : r.status === 'DONE' || r.status === 'ALREADY_DONE' ? 'success' : 'info'} noIcon data-testid="recommendation-status">
          {formatRecommendationStatus(r.status)}
        </Badge>{' '}
        {draft && (
          <Badge small severity="new" noIcon>
            Brouillon
          </Badge>
        )}{' '}
        <span className="muted">
          Priorité {formatPriority(r.priority).toLowerCase()}
          {r.deadline ? ` · échéance le ${formatDay(r.deadline)}` : ''}
          {r.author?.name ? ` · par ${r.author.name}` : ''} · {formatDateTime(r.publishedAt ?? r.createdAt)}
        </span>
      </p>
      {r.resource && (
        <p className="fr-mb-1w">
          Ressource : <a href={resourceHash(r.resource.id)}>{r.resource.title}</a>
        </p>
      )}
      {r.why && (
        <p className="fr-mb-1w">
          <strong>Pourquoi : </strong>
          {r.why}
        </p>
      )}
      {r.whatToDo && (
        <p className="fr-mb-1w">
          <strong>Que faire : </strong>
          {r.whatToDo}
        </p>
      )}
      {(r.contactText ?? r.contact) && (
        <p className="fr-mb-1w">
          <strong>Contact : </strong>
          {[r.contact?.name, r.contact?.role, r.contact?.email, r.contact?.phone, r.contactText].filter(Boolean).join(' · ')}
        </p>
      )}
      {r.followUps.length > 0 && (
        <>
          <h4 className="fr-text--md fr-mb-1w">Suivi</h4>
          <ul data-testid="follow-ups">
            {r.followUps.map((f) => (
              <li key={f.id}>
                {formatDateTime(f.createdAt)} — {formatRecommendationStatus(f.status)}
                {f.comment ? ` : ${f.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="fr-text--sm muted" data-testid="read-receipts">
        {r.readBy.length === 0 ? 'Pas encore lue.' : `Lue par ${r.readBy.map((read) => `${read.reader?.name ?? 'une personne'} le ${formatDateTime(read.readAt)}`).join(', ')}.`}
      </p>
      {r.viewerCanEdit && !editing && (
        <div className="button-row fr-mb-1w">
          <Button type="button" size="small" priority="secondary" iconId="fr-icon-edit-line" nativeButtonProps={{ 'aria-label': `Modifier « ${r.title} »` }} onClick={() => setEditing(true)}>
            Modifier
          </Button>
          <Button
            type="button"
            size="small"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            nativeButtonProps={{ ...deleteButtonProps, id: `supprimer-recommandation-${r.id}`, 'aria-label': `Supprimer « ${r.title} »` }}
            onClick={() => onDelete(r)}
          >
            Supprimer
          </Button>
        </div>
      )}
      {editing && (
        <RecommendationEditForm
          recommendation={r}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {draft && canRecommend && (
        <Button type="button" size="small" disabled={fetching} onClick={() => void handlePublish()}>
          Publier à la collectivité
        </Button>
      )}
      {!draft && (viewer.isCollectivite || viewer.isStateSide) && <FollowUpForm recommendation={r} onDone={onChanged} />}
      <Alert message={error} />
    </article>
  );
}
