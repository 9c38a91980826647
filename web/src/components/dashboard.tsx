import { useCallback, useState } from 'react';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { BOARD_ACTIVITY_SUBSCRIPTION } from '../board-operations';
import { REGIONS_STATS_QUERY, TERRITORY_STATS_QUERY, type TerritoryStatsRow } from '../dashboard-query';
import { formatStatus } from '../format';
import { describeError } from '../graphql-errors';
import { useActivityFeed } from '../use-activity-feed';
import { newestCursor, oldestCursor } from '../journal';
import { useCurrentQuery } from '../use-current-query';
import { DASHBOARD_HASH } from '../use-hash-route';
import { Alert } from './alert';
import { EMPTY_FILTER, PortfolioFilters } from './portfolio-filters';
import { PortfolioPanel } from './portfolio-panel';

/** Levels a drill-down goes through (arrondissements are skipped: communes are also members of the département). */
const DRILLABLE = new Set(['REGION', 'DEPARTEMENT', 'CRTE']);
const SHOWN_MEMBERS = new Set(['DEPARTEMENT', 'CRTE', 'COMMUNE', 'EPCI']);

/**
 * "Tableau de bord" (`#/tableau-de-bord`): projects by status, from France (the régions) down to a
 * région's départements and a département's communes, with the existing `Territory.stats`
 * (drafts count only for the organisations that may see them: a collectivité counts its own,
 * State agents, ANCT and analysts none). Above it, the `portfolio` and
 * `portfolioSeries` of the territory shown under the filter (charts with their data tables), and
 * the CSV export of the same projects. Live: the viewer's projectActivity tells which journal event
 * is the newest, and the figures are read again until their `currentAt` has reached it.
 */
export function Dashboard() {
  const [path, setPath] = useState<{ id: string; name: string }[]>([]);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const current = path.at(-1) ?? null;
  const [heard, setHeard] = useState<string | null>(null);
  const hear = useCallback((id: string) => setHeard((previous) => newestCursor(previous, id)), []);
  const { liveError } = useActivityFeed(BOARD_ACTIVITY_SUBSCRIPTION, { territoryId: null }, false, hear);
  const [regions] = useCurrentQuery({ query: REGIONS_STATS_QUERY, variables: {}, pause: current !== null }, heard, (data) =>
    oldestCursor(data.territories.edges.map((edge) => edge.node.stats?.currentAt)),
  );
  const [territory] = useCurrentQuery({ query: TERRITORY_STATS_QUERY, variables: { id: current?.id ?? '' }, pause: current === null }, heard, (data) => data.territory.stats?.currentAt);
  const result = current ? territory : regions;
  const rows: TerritoryStatsRow[] = current
    ? (territory.data?.territory.members.edges.map((edge) => edge.node).filter((node) => SHOWN_MEMBERS.has(node.kind)) ?? [])
    : (regions.data?.territories.edges.map((edge) => edge.node) ?? []);
  const sorted = [...rows].sort((a, b) => (b.stats?.projectCount ?? 0) - (a.stats?.projectCount ?? 0));
  const total = current ? (territory.data?.territory.stats?.projectCount ?? null) : rows.reduce((sum, row) => sum + (row.stats?.projectCount ?? 0), 0);
  const byStatus = current ? (territory.data?.territory.stats?.byStatus ?? []) : sumByStatus(rows);
  /** A link that shows another level of the drill-down (the address stays the dashboard's). */
  const goTo = (next: { id: string; name: string }[]) => ({
    href: DASHBOARD_HASH,
    onClick: (event: { preventDefault: () => void }) => {
      event.preventDefault();
      setPath(next);
    },
  });
  const max = Math.max(1, ...sorted.map((row) => row.stats?.projectCount ?? 0));

  return (
    <section aria-labelledby="dashboard-title" className="hub-dashboard">
      <h1 id="dashboard-title">Tableau de bord</h1>
      <Breadcrumb
        currentPageLabel={current?.name ?? 'France'}
        segments={current ? [{ label: 'France', linkProps: goTo([]) }, ...path.slice(0, -1).map((step, index) => ({ label: step.name, linkProps: goTo(path.slice(0, index + 1)) }))] : []}
      />
      <Alert message={liveError} prefix="Mises à jour en direct interrompues (rechargez la page) : " />
      <PortfolioFilters onApply={setFilter} />
      <PortfolioPanel territoryId={current?.id ?? null} filter={filter} heard={heard} />
      <h2 className="fr-h4">Projets par territoire</h2>
      <p className="fr-text--lg">Projets (les brouillons ne sont comptés que pour les organisations qui peuvent les voir) : {total === null ? '—' : <strong>{total}</strong>}</p>
      {byStatus.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table data-testid="dashboard-by-status">
            <caption>Projets par statut</caption>
            <thead>
              <tr>
                <th scope="col">Statut</th>
                <th scope="col">Projets</th>
              </tr>
            </thead>
            <tbody>
              {byStatus.map((line) => (
                <tr key={line.status}>
                  <td>{formatStatus(line.status)}</td>
                  <td>{line.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.fetching && !result.data && <p aria-live="polite">Chargement…</p>}
      <Alert message={result.error && describeError(result.error)} prefix="Les chiffres ne peuvent pas être affichés : " />
      {sorted.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table data-testid="dashboard-territories">
            <caption>Projets par territoire</caption>
            <thead>
              <tr>
                <th scope="col">{current ? 'Territoire' : 'Région'}</th>
                <th scope="col">Projets</th>
                <th scope="col">Part</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.id}>
                  <td>{DRILLABLE.has(row.kind) ? <a {...goTo([...path, { id: row.id, name: row.name }])}>{row.name}</a> : row.name}</td>
                  <td>{row.stats?.projectCount ?? '—'}</td>
                  <td>
                    <progress max={max} value={row.stats?.projectCount ?? 0} aria-label={`${row.name} : ${row.stats?.projectCount ?? 0} projets`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!result.fetching && !result.error && sorted.length === 0 && <p>Aucun territoire à détailler à ce niveau.</p>}
    </section>
  );
}

function sumByStatus(rows: TerritoryStatsRow[]): { status: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const line of row.stats?.byStatus ?? []) totals.set(line.status, (totals.get(line.status) ?? 0) + line.count);
  return [...totals].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count);
}
