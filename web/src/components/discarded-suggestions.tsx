import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { formatDate } from '../format';
import { describeError } from '../graphql-errors';
import { RESTORE_SUGGESTION_MUTATION, type DiscardedSuggestion } from '../suggestion-operations';
import { resourceHash } from '../use-hash-route';
import { Alert } from './alert';

interface DiscardedSuggestionsProps {
  projectId: string;
  discarded: readonly DiscardedSuggestion[];
  /** After one is restored (its title, to announce it). */
  onRestored: (title: string) => void;
}

/** "Suggestions écartées": who discarded each, when and why, and "Rétablir" (restoreSuggestion). */
export function DiscardedSuggestions({ projectId, discarded, onRestored }: DiscardedSuggestionsProps) {
  const [{ fetching }, restore] = useMutation(RESTORE_SUGGESTION_MUTATION);
  const [error, setError] = useState<string | null>(null);
  if (discarded.length === 0) return null;

  async function handleRestore(item: DiscardedSuggestion) {
    setError(null);
    const result = await restore({ projectId, resourceId: item.resource.id });
    if (result.error) setError(`Impossible de rétablir « ${item.resource.title} » : ${describeError(result.error)}.`);
    else onRestored(item.resource.title);
  }

  return (
    <div className="fr-mt-2w" data-testid="discarded-suggestions">
      <h4 className="fr-h6" id="discarded-suggestions-title">
        Suggestions écartées <span className="count">({discarded.length})</span>
      </h4>
      <Alert message={error} />
      <ul className="fr-raw-list" aria-labelledby="discarded-suggestions-title">
        {discarded.map((item) => (
          <li key={item.id} className="fr-mb-1w" data-testid="discarded-suggestion">
            <a href={resourceHash(item.resource.id)}>{item.resource.title}</a>
            <span className="fr-text--sm muted">
              {' '}
              — écartée le {formatDate(item.discardedAt)}
              {item.discardedBy ? ` par ${item.discardedBy.name}` : ''}
              {item.reason ? ` : ${item.reason}` : ''}
            </span>{' '}
            <Button
              type="button"
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-go-back-line"
              disabled={fetching}
              nativeButtonProps={{ 'aria-label': `Rétablir « ${item.resource.title} »` }}
              onClick={() => void handleRestore(item)}
            >
              Rétablir
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
