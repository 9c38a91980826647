import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQuery } from 'urql';
import { describeError, isNotFound } from '../graphql-errors';
import { RESOURCE_SHEET_QUERY } from '../resource-operations';
import { LIBRARY_HASH } from '../use-hash-route';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { RecommendForm } from './recommend-form';
import { ResourceDetails } from './resource-details';
import { ResourceForm } from './resource-form';
import { ResourceStatusActions } from './resource-status-actions';

/** A resource sheet (`#/ressources/<id>`): its content, and for those who may, editing, publishing or archiving it and recommending it to a project. */
export function ResourceSheetPage({ resourceId, viewer }: { resourceId: string; viewer: Viewer }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RESOURCE_SHEET_QUERY, variables: { id: resourceId }, requestPolicy: 'cache-and-network' });
  const [mode, setMode] = useState<'view' | 'edit' | 'recommend'>('view');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const resource = data?.resource;

  return (
    <section aria-labelledby="resource-title">
      <p>
        <a href={LIBRARY_HASH} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour à la bibliothèque
        </a>
      </p>
      {!resource && fetching && <p aria-live="polite">Chargement de la fiche…</p>}
      {!resource &&
        error &&
        (isNotFound(error) ? <Alert message="Cette fiche n'existe pas, ou elle est un brouillon que vous ne pouvez pas lire." /> : <Alert message={describeError(error)} prefix="Erreur : " />)}
      {resource && mode === 'edit' && (
        <ResourceForm
          resource={resource}
          onDone={() => {
            setMode('view');
            reload();
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {resource && mode !== 'edit' && (
        <>
          <ResourceDetails resource={resource} />
          <div className="button-row fr-mt-3w">
            {resource.viewerCanEdit && (
              <Button type="button" priority="secondary" iconId="fr-icon-edit-line" onClick={() => setMode('edit')}>
                Modifier la fiche
              </Button>
            )}
            {viewer.isStateSide && resource.live && mode === 'view' && (
              <Button type="button" iconId="fr-icon-send-plane-line" onClick={() => setMode('recommend')}>
                Recommander à un projet
              </Button>
            )}
          </div>
          {resource.viewerCanEdit && <ResourceStatusActions resource={resource} onChanged={reload} />}
          {mode === 'recommend' && <RecommendForm resource={{ id: resource.id, title: resource.title }} onCancel={() => setMode('view')} />}
        </>
      )}
    </section>
  );
}
