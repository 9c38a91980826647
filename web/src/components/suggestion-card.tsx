import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation } from 'urql';
import { describeError } from '../graphql-errors';
import { formatResourceKind } from '../library-labels';
import { DISCARD_SUGGESTION_MUTATION, type ResourceSuggestion } from '../suggestion-operations';
import { resourceHash } from '../use-hash-route';
import { Alert } from './alert';

interface SuggestionCardProps {
  projectId: string;
  suggestion: ResourceSuggestion;
  /** "Recommander": opens the recommend form with this resource. */
  onRecommend: () => void;
  /** After it is discarded (its title, to announce it). */
  onDiscarded: (title: string) => void;
}

/** A resource the rules suggest for the project: why (in French), "Recommander", "Écarter" with a reason. */
export function SuggestionCard({ projectId, suggestion, onRecommend, onDiscarded }: SuggestionCardProps) {
  const { resource } = suggestion;
  const [discarding, setDiscarding] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, discard] = useMutation(DISCARD_SUGGESTION_MUTATION);
  const headingId = `suggestion-${resource.id}`;

  async function handleDiscard(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await discard({ projectId, resourceId: resource.id, reason: reason.trim() || null });
    if (result.error) setError(`Impossible d'écarter cette suggestion : ${describeError(result.error)}.`);
    else onDiscarded(resource.title);
  }

  return (
    <article className="recommendation fr-p-2w fr-mb-2w" data-testid="suggestion" aria-labelledby={headingId}>
      <h4 id={headingId} className="fr-h6 fr-mb-1w">
        <a href={resourceHash(resource.id)}>{resource.title}</a>
      </h4>
      <p className="fr-text--sm fr-mb-1w muted">
        {formatResourceKind(resource.kind)}
        {resource.provider ? ` · ${resource.provider.name}` : ''}
      </p>
      {resource.summary && <p className="fr-mb-1w">{resource.summary}</p>}
      <p className="fr-mb-1w" data-testid="suggestion-explanation">
        <strong>Pourquoi cette suggestion : </strong>
        {suggestion.explanation}
      </p>
      {discarding ? (
        <form onSubmit={(event) => void handleDiscard(event)} aria-label={`Écarter « ${resource.title} »`}>
          <Input
            label="Motif (facultatif)"
            hintText="Visible des services de l'État"
            nativeInputProps={{ id: `discard-reason-${resource.id}`, value: reason, maxLength: 2000, onChange: (e) => setReason(e.target.value) }}
          />
          <Alert message={error} />
          <div className="button-row">
            <Button type="submit" size="small" disabled={fetching}>
              Confirmer l'écart
            </Button>
            <Button type="button" size="small" priority="secondary" onClick={() => setDiscarding(false)}>
              Annuler
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <Button type="button" size="small" iconId="fr-icon-send-plane-line" onClick={onRecommend}>
            Recommander
          </Button>
          <Button type="button" size="small" priority="secondary" iconId="fr-icon-close-line" onClick={() => setDiscarding(true)}>
            Écarter
          </Button>
        </div>
      )}
    </article>
  );
}
