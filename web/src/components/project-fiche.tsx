import { useCallback } from 'react';
import { useQuery } from 'urql';
import { describeError, isNotFound } from '../graphql-errors';
import { PROJECT_FICHE_QUERY } from '../project-fiche-query';
import { backHash, INBOX_HASH } from '../use-hash-route';
import { ProjectFicheBody } from './project-fiche-body';

/** The fiche of one project (`#/projets/<id>`). */
export function ProjectFiche({ projectId }: { projectId: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PROJECT_FICHE_QUERY, variables: { id: projectId }, requestPolicy: 'cache-and-network' });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const project = data?.project;
  const back = backHash();

  return (
    <>
      <nav>
        <a className="back-link" href={back}>
          {back === INBOX_HASH ? '← Retour aux projets à traiter' : '← Retour à la liste'}
        </a>
      </nav>
      {project && <ProjectFicheBody project={project} refetch={refetch} />}
      {!project && fetching && <p className="card muted">Chargement…</p>}
      {!project && error && (
        <p className="card error" role="alert">
          {isNotFound(error) ? "Ce projet n'existe pas, ou vous n'y avez pas accès." : `Erreur : ${describeError(error)}`}
        </p>
      )}
    </>
  );
}
