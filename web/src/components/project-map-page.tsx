import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { BOARD_ACTIVITY_SUBSCRIPTION } from '../board-operations';
import { territoryName } from '../format';
import { describeError } from '../graphql-errors';
import { EMPTY_FILL, mapClasses, type MapClass } from '../map/map-scale';
import type { ProjectFilter } from '../project-list-query';
import { PROJECT_MAP_QUERY } from '../project-map-query';
import { useActivityFeed } from '../use-activity-feed';
import { listHash } from '../use-hash-route';
import { Alert } from './alert';
import { DepartementMap, projets, type DepartementCount } from './departement-map';
import { ProjectFilters } from './project-filters';

/** A colour of the legend. */
function Swatch({ fill }: { fill: string }) {
  return (
    <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="0.5" y="0.5" width="15" height="15" fill={fill} />
    </svg>
  );
}

function MapLegend({ classes }: { classes: MapClass[] }) {
  return (
    <div className="map-legend">
      <p className="fr-text--sm fr-mb-1w" id="map-legend-title">
        Légende (nombre de projets, écrit sur chaque département)
      </p>
      <ul aria-labelledby="map-legend-title">
        <li>
          <Swatch fill={EMPTY_FILL} /> Aucun projet
        </li>
        {classes.map((c) => (
          <li key={c.from}>
            <Swatch fill={c.fill} /> {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "Carte des projets" (`#/carte-des-projets`, State agents and ANCT): how many projects the viewer
 * sees in each département (`projectMap`), with the list's filters, on a map of départements
 * (numbers written on it, a colour scale with its legend) and in a table; a département leads to
 * the list of its projects with the same filters; the counts follow the viewer's projectActivity live.
 */
export function ProjectMapPage() {
  const [filter, setFilter] = useState<ProjectFilter>({});
  const [{ data, fetching, error }] = useQuery({ query: PROJECT_MAP_QUERY, variables: { filter } });
  // What the viewer may see changes elsewhere (a project submitted, moved): the counts follow live.
  const { liveError } = useActivityFeed(BOARD_ACTIVITY_SUBSCRIPTION, { territoryId: null });
  const map = data?.projectMap;
  const counts = useMemo(() => new Map<string, DepartementCount>((map?.departements ?? []).map((d) => [d.code, { code: d.code, name: territoryName(d.departement), count: d.count }])), [map]);
  const classes = useMemo(() => mapClasses(Math.max(0, ...[...counts.values()].map((c) => c.count))), [counts]);
  const hrefOf = (code: string) =>
    listHash({
      territoryId: `DEPARTEMENT:${code}`,
      status: filter.status ?? undefined,
      theme: filter.theme ?? undefined,
      programme: filter.programme ?? undefined,
      search: filter.search ?? undefined,
    });

  return (
    <section aria-labelledby="map-title">
      <h1 id="map-title">Carte des projets</h1>
      <p className="muted">
        Le nombre de projets que vous voyez dans chaque département, avec les filtres de la liste. Choisissez un département sur la carte ou dans le tableau pour afficher la liste de ses projets.
      </p>
      <ProjectFilters prefix="map" label="Filtrer la carte des projets" onApply={setFilter} />
      <Alert message={error ? describeError(error) : null} prefix="Carte indisponible : " />
      <Alert message={liveError} prefix="Mises à jour en direct interrompues (rechargez la page) : " />
      {fetching && !map && <p aria-live="polite">Chargement…</p>}
      {map && (
        <>
          <p data-testid="map-total" aria-live="polite">
            {map.totalCount === 0 ? 'Aucun projet ne correspond à ces critères.' : `${projets(map.totalCount)} dans ${counts.size} département${counts.size > 1 ? 's' : ''}.`}
          </p>
          <div className="map-layout">
            <figure className="map-figure fr-mb-3w">
              <DepartementMap counts={counts} classes={classes} hrefOf={hrefOf} />
              <figcaption>
                <MapLegend classes={classes} />
                <p className="fr-text--xs muted">
                  Un projet sur plusieurs départements compte dans chacun. Fond de carte : départements de métropole d'après « France departments » de Victor Cazanave et MapSVG (licence CC BY 4.0) ;
                  outre-mer : formes schématiques, hors échelle ; Paris et la petite couronne agrandis.
                </p>
              </figcaption>
            </figure>
            <div className="fr-table map-table">
              <table>
                <caption>Projets par département</caption>
                <thead>
                  <tr>
                    <th scope="col">Département</th>
                    <th scope="col">Code</th>
                    <th scope="col">Projets</th>
                  </tr>
                </thead>
                <tbody>
                  {[...counts.values()].map((d) => (
                    <tr key={d.code}>
                      <th scope="row">
                        <a href={hrefOf(d.code)}>{d.name}</a>
                      </th>
                      <td>{d.code}</td>
                      <td>{d.count}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total (chaque projet une fois)</th>
                    <td />
                    <td>{map.totalCount}</td>
                  </tr>
                </tfoot>
              </table>
              <p className="fr-text--sm muted">{counts.size > 0 ? 'Les autres départements : aucun projet.' : 'Aucun département ne compte de projet.'}</p>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
