import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { PROJECT_RECOMMEND_RIGHT_QUERY, PROJECT_SUGGESTIONS_QUERY, type ResourceSuggestion } from '../suggestion-operations';
import { Alert } from './alert';
import { DiscardedSuggestions } from './discarded-suggestions';
import { RecommendForm } from './recommend-form';
import { SuggestionCard } from './suggestion-card';

interface SuggestionsPanelProps {
  project: { id: string; title: string };
  /** Changes with each recommendation event of the live journal: the suggestions are read again. */
  liveVersion: number;
  /** After a suggestion is recommended (the recommendations are read again). */
  onRecommended: () => void;
}

/**
 * "Suggestions" for those who may recommend to the project (`viewerCan.recommend`): the library's
 * resources its état des lieux, themes and territory call for, each with why; "Recommander" opens
 * the recommend form with the resource, "Écarter" records a reason; the suggestions discarded are
 * listed below with "Rétablir". The lists follow each.
 */
export function SuggestionsPanel({ project, liveVersion, onRecommended }: SuggestionsPanelProps) {
  const [{ data: rights }] = useQuery({ query: PROJECT_RECOMMEND_RIGHT_QUERY, variables: { projectId: project.id }, requestPolicy: 'cache-and-network' });
  const mayRecommend = rights?.project.viewerCan.recommend === true;
  const [{ data, fetching, error }, refetch] = useQuery({ query: PROJECT_SUGGESTIONS_QUERY, variables: { projectId: project.id }, pause: !mayRecommend, requestPolicy: 'cache-and-network' });
  const [recommending, setRecommending] = useState<ResourceSuggestion | null>(null);
  const [announce, setAnnounce] = useState('');
  const suggestions = data?.project.suggestedResources ?? [];
  const discarded = data?.project.discardedSuggestions ?? [];

  useEffect(() => {
    if (liveVersion > 0 && mayRecommend) refetch({ requestPolicy: 'network-only' });
  }, [liveVersion, mayRecommend, refetch]);

  if (!mayRecommend) return null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section className="fr-mb-4w" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h3 id="suggestions-title" className="fr-h5">
        Suggestions {data && <span className="count">({suggestions.length})</span>}
      </h3>
      <p className="fr-text--sm">Ressources de la bibliothèque proposées d'après l'état des lieux, les thèmes et le territoire du projet. Recommandez-les ou écartez-les.</p>
      {recommending && (
        <RecommendForm
          key={recommending.resource.id}
          project={project}
          resource={{ id: recommending.resource.id, title: recommending.resource.title }}
          onCancel={() => setRecommending(null)}
          onDone={() => {
            reload();
            onRecommended();
          }}
        />
      )}
      <p className="fr-sr-only" role="status">
        {announce}
      </p>
      {!data && fetching && <p aria-live="polite">Chargement des suggestions…</p>}
      <Alert message={error ? describeError(error) : null} prefix="Suggestions indisponibles : " />
      {data && suggestions.length === 0 && <p>Aucune suggestion pour le moment : elles viennent des réponses au questionnaire de l'état des lieux.</p>}
      {suggestions.map((suggestion) => (
        <SuggestionCard
          key={suggestion.resource.id}
          projectId={project.id}
          suggestion={suggestion}
          onRecommend={() => setRecommending(suggestion)}
          onDiscarded={(title) => {
            setAnnounce(`Suggestion « ${title} » écartée.`);
            reload();
          }}
        />
      ))}
      <DiscardedSuggestions
        projectId={project.id}
        discarded={discarded}
        onRestored={(title) => {
          setAnnounce(`Suggestion « ${title} » rétablie.`);
          reload();
        }}
      />
    </section>
  );
}
