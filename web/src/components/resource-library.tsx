import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ResourceFilter } from '../resource-operations';
import { NEW_RESOURCE_HASH } from '../use-hash-route';
import { useResourceList } from '../use-resource-list';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { ResourceCard } from './resource-card';
import { ResourceFilters } from './resource-filters';

const PAGE_SIZE = 20;

/** "Ressources": the library of engineering resources, searched by words, theme and territory, 20 sheets at a time. */
export function ResourceLibrary({ viewer }: { viewer: Viewer }) {
  const [filter, setFilter] = useState<ResourceFilter>({});
  return (
    <section aria-labelledby="library-title">
      <div className="page-title">
        <h1 id="library-title">Ressources</h1>
        {viewer.isStateSide && (
          <Button linkProps={{ href: NEW_RESOURCE_HASH }} iconId="fr-icon-add-line">
            Nouvelle fiche
          </Button>
        )}
      </div>
      <p>Guides, programmes, services d'experts et aides en ingénierie pour faire avancer les projets des territoires.</p>
      <ResourceFilters onApply={setFilter} canSeeDrafts={viewer.isStateSide} />
      <ResourceResults key={JSON.stringify(filter)} filter={filter} />
    </section>
  );
}

function ResourceResults({ filter }: { filter: ResourceFilter }) {
  const { edges, totalCount, hasNextPage, fetching, error, loadMore } = useResourceList(PAGE_SIZE, filter);
  const filtered = Object.keys(filter).length > 0;
  return (
    <>
      <p className="count" aria-live="polite" data-testid="resource-count">
        {fetching && edges.length === 0 ? 'Chargement…' : `${totalCount ?? edges.length} fiche${(totalCount ?? edges.length) > 1 ? 's' : ''}`}
      </p>
      {edges.length > 0 && (
        <ul className="resource-list" aria-label="Fiches de la bibliothèque">
          {edges.map((edge) => (
            <li key={edge.node.id}>
              <ResourceCard resource={edge.node} />
            </li>
          ))}
        </ul>
      )}
      {!fetching && !error && edges.length === 0 && (
        <p className="fr-text--lg">{filtered ? 'Aucune fiche ne correspond à ces critères : essayez d’autres mots, ou effacez les filtres.' : 'La bibliothèque est vide pour le moment.'}</p>
      )}
      <Alert message={error} prefix="Erreur : " />
      {hasNextPage && (
        <Button type="button" priority="secondary" onClick={loadMore} disabled={fetching}>
          Voir plus
        </Button>
      )}
    </>
  );
}
