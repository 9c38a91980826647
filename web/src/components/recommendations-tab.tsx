import { useEffect, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { DELETE_RECOMMENDATION_MUTATION, MARK_RECOMMENDATION_READ_MUTATION, PROJECT_RECOMMENDATIONS_QUERY, type Recommendation } from '../recommendation-operations';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { RecommendForm } from './recommend-form';
import { RecommendationCard } from './recommendation-card';
import { SuggestionsPanel } from './suggestions-panel';

/** The DSFR modal confirming a deletion (one for the tab: it names the recommendation chosen). */
const deleteModal = createModal({ id: 'supprimer-recommandation', isOpenedByDefault: false });

interface RecommendationsTabProps {
  /** `canRecommend`: Project.viewerCan.recommend (the API's answer: the State side of this project, while it is open). */
  project: { id: string; title: string; canRecommend: boolean };
  viewer: Viewer;
  /** Changes with each recommendation event of the live journal: the list is read again. */
  liveVersion: number;
}

/** "Recommandations": the project's recommendations (read receipts, follow-ups), each marked read as shown, and "Recommander" and the library's suggestions for the State side. */
export function RecommendationsTab({ project, viewer, liveVersion }: RecommendationsTabProps) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: PROJECT_RECOMMENDATIONS_QUERY, variables: { projectId: project.id }, requestPolicy: 'cache-and-network' });
  const [, markRead] = useMutation(MARK_RECOMMENDATION_READ_MUTATION);
  const [recommending, setRecommending] = useState(false);
  const [chosen, setChosen] = useState<Recommendation | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [{ fetching: deleting }, deleteRecommendation] = useMutation(DELETE_RECOMMENDATION_MUTATION);
  const recommendations = data?.project.recommendations.edges.map((edge) => edge.node) ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function handleConfirmDelete() {
    if (!chosen) return;
    setDeleteError(null);
    const result = await deleteRecommendation({ id: chosen.id });
    deleteModal.close();
    if (result.error) setDeleteError(`Suppression de « ${chosen.title} » impossible : ${describeError(result.error)}.`);
    else {
      setDeleted(chosen.title);
      reload();
    }
  }

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
        {project.canRecommend && !recommending && (
          <Button type="button" iconId="fr-icon-send-plane-line" onClick={() => setRecommending(true)}>
            Recommander
          </Button>
        )}
      </div>
      {recommending && <RecommendForm project={{ id: project.id, title: project.title }} onCancel={() => setRecommending(false)} onDone={reload} />}
      {viewer.isStateSide && <SuggestionsPanel project={project} liveVersion={liveVersion} onRecommended={reload} />}
      {deleted && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status">
          <p>Recommandation « {deleted} » supprimée.</p>
        </div>
      )}
      <Alert message={deleteError} />
      {!data && fetching && <p aria-live="polite">Chargement des recommandations…</p>}
      <Alert message={error ? describeError(error) : null} prefix="Erreur : " />
      {data && recommendations.length === 0 && <p>Aucune recommandation pour le moment.</p>}
      {recommendations.map((recommendation) => (
        <RecommendationCard
          key={recommendation.id}
          recommendation={recommendation}
          viewer={viewer}
          canRecommend={project.canRecommend}
          onChanged={reload}
          deleteButtonProps={deleteModal.buttonProps}
          onDelete={(r) => {
            setDeleted(null);
            setDeleteError(null);
            setChosen(r);
          }}
        />
      ))}
      <deleteModal.Component
        title="Supprimer la recommandation"
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: deleting ? 'Suppression…' : 'Supprimer la recommandation', iconId: 'fr-icon-delete-line', doClosesModal: false, disabled: deleting, onClick: () => void handleConfirmDelete() },
        ]}
      >
        <p>La recommandation « {chosen?.title} » ne sera plus proposée au projet. Son suivi reste inscrit au journal du projet.</p>
      </deleteModal.Component>
    </section>
  );
}
