import { useCallback } from 'react';
import { useQuery } from 'urql';
import { describeError, isNotFound } from '../graphql-errors';
import { PROJECT_FICHE_QUERY } from '../project-fiche-query';
import { backHash, INBOX_HASH } from '../use-hash-route';
import { useMarkRead } from '../use-mark-read';
import type { Viewer } from '../use-viewer';
import { ProjectFicheBody } from './project-fiche-body';

/** The fiche of one project (`#/projets/<id>`). */
export function ProjectFiche({ projectId, viewer }: { projectId: string; viewer: Viewer }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PROJECT_FICHE_QUERY, variables: { id: projectId }, requestPolicy: 'cache-and-network' });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const project = data?.project;
  const read = useMarkRead(projectId, project?.unreadCount);
  const back = backHash();

  return (
    <>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back}>
          {back === INBOX_HASH ? 'Retour aux projets à traiter' : 'Retour à la liste'}
        </a>
      </p>
      {project && <ProjectFicheBody project={project} viewer={viewer} refetch={refetch} read={read} />}
      {!project && fetching && <p aria-live="polite">Chargement de la fiche…</p>}
      {!project && error && (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{isNotFound(error) ? "Ce projet n'existe pas, ou vous n'y avez pas accès." : `Erreur : ${describeError(error)}`}</p>
        </div>
      )}
    </>
  );
}
