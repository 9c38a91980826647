import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ProjectFilter } from '../project-list-query';
import { useProjectList } from '../use-project-list';
import { NEW_PROJECT_HASH } from '../use-hash-route';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { ProjectFilters } from './project-filters';
import { ProjectRow } from './project-row';

const PAGE_SIZE = 20;

/** "Mes projets" (collectivités) or "Projets": search, filters, 20 rows at a time. */
export function ProjectList({ viewer }: { viewer: Viewer }) {
  const [filter, setFilter] = useState<ProjectFilter>({});
  const title = viewer.isCollectivite ? 'Mes projets' : 'Projets';
  return (
    <section aria-labelledby="list-title">
      <div className="page-title">
        <h1 id="list-title">{title}</h1>
        {viewer.isCollectivite && (
          <Button linkProps={{ href: NEW_PROJECT_HASH }} iconId="fr-icon-add-line">
            Nouveau projet
          </Button>
        )}
      </div>
      <ProjectFilters onApply={setFilter} />
      {/* A new filter reads the list afresh. */}
      <ProjectResults key={JSON.stringify(filter)} filter={filter} title={title} />
    </section>
  );
}

function ProjectResults({ filter, title }: { filter: ProjectFilter; title: string }) {
  const { edges, hasNextPage, fetching, error, loadMore } = useProjectList(PAGE_SIZE, filter);
  return (
    <>
      <p className="count" aria-live="polite">
        {fetching ? 'Chargement…' : `${edges.length}${hasNextPage ? '+' : ''} projet${edges.length > 1 ? 's' : ''}`}
      </p>
      {edges.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table className="project-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Commune</th>
                <th scope="col">Porteur</th>
                <th scope="col">Statut</th>
                <th scope="col">Créé le</th>
              </tr>
            </thead>
            <tbody>
              {edges.map((edge) => (
                <ProjectRow key={edge.node.id} project={edge.node} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!fetching && !error && edges.length === 0 && (
        <p className="fr-text--lg">{Object.keys(filter).length > 0 ? 'Aucun projet ne correspond à ces critères : modifiez ou effacez les filtres.' : 'Aucun projet pour le moment.'}</p>
      )}
      <Alert message={error} prefix="Erreur : " />
      {hasNextPage && !fetching && (
        <Button type="button" priority="secondary" onClick={loadMore}>
          Voir plus
        </Button>
      )}
    </>
  );
}
