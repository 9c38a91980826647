import { useEffect, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { MARK_RECOMMENDATION_READ_MUTATION, PROJECT_RECOMMENDATIONS_QUERY } from '../recommendation-operations';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { RecommendForm } from './recommend-form';
import { RecommendationCard } from './recommendation-card';
import { SuggestionsPanel } from './suggestions-panel';

interface RecommendationsTabProps {
  project: { id: string; title: string };
  viewer: Viewer;
  /** Changes with each recommendation event of the live journal: the list is read again. */
  liveVersion: number;
}

/** "Recommandations": the project's recommendations (read receipts, follow-ups), each marked read as shown, and "Recommander" and the library's suggestions for the State side. */
export function RecommendationsTab({ project, viewer, liveVersion }: RecommendationsTabProps) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: PROJECT_RECOMMENDATIONS_QUERY, variables: { projectId: project.id }, requestPolicy: 'cache-and-network' });
  const [, markRead] = useMutation(MARK_RECOMMENDATION_READ_MUTATION);
  const [recommending, setRecommending] = useState(false);
  const recommendations = data?.project.recommendations.edges.map((edge) => edge.node) ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  useEffect(() => {
    if (liveVersion > 0) refetch({ requestPolicy: 'network-only' });
  }, [liveVersion, refetch]);

  // Shown here, so read: each one the viewer has not read yet is marked read once.
  const unread = recommendations.filter((r) => r.viewerHasRead === false).map((r) => r.id);
  const unreadKey = unread.join(',');
  useEffect(() => {
    if (!unreadKey) return;
    void Promise.all(unreadKey.split(',').map((id) => markRead({ id }))).then(() => refetch({ requestPolicy: 'network-only' }));
  }, [unreadKey, markRead, refetch]);

  return (
    <section aria-labelledby="recommendations-title">
      <div className="page-title">
        <h2 id="recommendations-title" className="fr-h4">
          Recommandations {data && <span className="count">({data.project.recommendations.totalCount})</span>}
        </h2>
        {viewer.isStateSide && !recommending && (
          <Button type="button" iconId="fr-icon-send-plane-line" onClick={() => setRecommending(true)}>
            Recommander
          </Button>
        )}
      </div>
      {recommending && <RecommendForm project={project} onCancel={() => setRecommending(false)} onDone={reload} />}
      {viewer.isStateSide && <SuggestionsPanel project={project} liveVersion={liveVersion} onRecommended={reload} />}
      {!data && fetching && <p aria-live="polite">Chargement des recommandations…</p>}
      <Alert message={error ? describeError(error) : null} prefix="Erreur : " />
      {data && recommendations.length === 0 && <p>Aucune recommandation pour le moment.</p>}
      {recommendations.map((recommendation) => (
        <RecommendationCard key={recommendation.id} recommendation={recommendation} viewer={viewer} onChanged={reload} />
      ))}
    </section>
  );
}
