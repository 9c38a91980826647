import { useState } from 'react';
import { useQuery } from 'urql';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { TERRITORY_NAME_QUERY, type ProjectFilter } from '../project-list-query';
import { useProjectList } from '../use-project-list';
import { listHash, NEW_PROJECT_HASH, type ListFilter } from '../use-hash-route';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { ProjectFilters } from './project-filters';
import { ProjectRow } from './project-row';

const PAGE_SIZE = 20;

/**
 * "Mes projets" (collectivités) or "Projets": search, filters, 20 rows at a time. `initial` comes
 * from the address (`#/?territoire=DEPARTEMENT:63&statut=…`, the map's links): the list starts
 * narrowed to that territory, shown above it with "Retirer ce territoire".
 */
export function ProjectList({ viewer, initial = {} }: { viewer: Viewer; initial?: ListFilter }) {
  const [filter, setFilter] = useState<ProjectFilter>(() => {
    const start: ProjectFilter = {};
    if (initial.territoryId) start.territoryId = initial.territoryId;
    if (initial.status) start.status = initial.status as ProjectFilter['status'];
    if (initial.theme) start.theme = initial.theme;
    if (initial.programme) start.programme = initial.programme;
    if (initial.search) start.search = initial.search;
    return start;
  });
  const title = viewer.isCollectivite ? 'Mes projets' : 'Projets';
  const territoryId = filter.territoryId ?? null;
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
      {territoryId && (
        <TerritoryFilter
          territoryId={territoryId}
          onRemove={() => {
            window.location.hash = listHash({ status: filter.status ?? undefined, theme: filter.theme ?? undefined, programme: filter.programme ?? undefined, search: filter.search ?? undefined });
          }}
        />
      )}
      {/* The form's filters keep the territory the address gave. */}
      <ProjectFilters initial={filter} onApply={(next) => setFilter(territoryId ? { ...next, territoryId } : next)} />
      {/* A new filter reads the list afresh. */}
      <ProjectResults key={JSON.stringify(filter)} filter={filter} title={title} />
    </section>
  );
}

/** The territory the list is narrowed to, by name, and "Retirer ce territoire" (the other filters stay). */
function TerritoryFilter({ territoryId, onRemove }: { territoryId: string; onRemove: () => void }) {
  const [{ data }] = useQuery({ query: TERRITORY_NAME_QUERY, variables: { id: territoryId } });
  return (
    <p className="fr-mb-2w" data-testid="list-territory">
      Territoire : <strong>{data?.territory.name ?? territoryId}</strong>{' '}
      <Button type="button" size="small" priority="tertiary" onClick={onRemove}>
        Retirer ce territoire
      </Button>
    </p>
  );
}

function ProjectResults({ filter, title }: { filter: ProjectFilter; title: string }) {
  const { edges, hasNextPage, fetching, error, liveError, loadMore } = useProjectList(PAGE_SIZE, filter);
  // Read again live (an event, "Voir plus"): the rows shown stay, the count too.
  const loading = fetching && edges.length === 0;
  return (
    <>
      <p className="count" aria-live="polite">
        {loading ? 'Chargement…' : `${edges.length}${hasNextPage ? '+' : ''} projet${edges.length > 1 ? 's' : ''}`}
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
      {!loading && !fetching && !error && edges.length === 0 && (
        <p className="fr-text--lg">{Object.keys(filter).length > 0 ? 'Aucun projet ne correspond à ces critères : modifiez ou effacez les filtres.' : 'Aucun projet pour le moment.'}</p>
      )}
      <Alert message={error} prefix="Erreur : " />
      <Alert message={liveError} prefix="Mises à jour en direct interrompues (rechargez la page) : " />
      {hasNextPage && !fetching && (
        <Button type="button" priority="secondary" onClick={loadMore}>
          Voir plus
        </Button>
      )}
    </>
  );
}
