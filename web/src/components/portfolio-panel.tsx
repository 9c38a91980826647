import { useContext, useState } from 'react';
import { PORTFOLIO_QUERY } from '../dashboard-query';
import { downloadDocument } from '../download-document';
import { formatEuros, formatPhase, formatStatus } from '../format';
import { describeError } from '../graphql-errors';
import { SessionTokenContext } from '../session-token-context';
import { oldestCursor } from '../journal';
import { useCurrentQuery } from '../use-current-query';
import { useThemes } from '../themes';
import { Alert } from './alert';
import { BarChart } from './bar-chart';
import { GristSyncForm } from './grist-sync-form';
import { filledFilter, type PortfolioFilterValues } from './portfolio-filters';

/**
 * The portfolio of a territory (none: France) under the dashboard's filter: counts by status,
 * theme, programme and phase, amounts, medians, inactive projects, the monthly series, and the
 * CSV export of the same projects. Read again while behind `heard`, the newest journal event the page has heard of.
 */
export function PortfolioPanel({ territoryId, filter, heard }: { territoryId: string | null; filter: PortfolioFilterValues; heard: string | null }) {
  const { themeLabel } = useThemes();
  const token = useContext(SessionTokenContext);
  const variables = { filter: { ...filledFilter(filter), ...(territoryId ? { territoryId } : {}) } };
  const [result] = useCurrentQuery({ query: PORTFOLIO_QUERY, variables }, heard, (data) => oldestCursor([data.portfolio.currentAt, data.portfolioSeries.currentAt]));
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const portfolio = result.data?.portfolio;
  const points = result.data?.portfolioSeries.points ?? [];

  const exportCsv = async () => {
    setExportError(null);
    setExporting(true);
    try {
      const query = new URLSearchParams(Object.entries(variables.filter));
      await downloadDocument(`/exports/projects.csv${query.size > 0 ? `?${query}` : ''}`, 'projets.csv', token);
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="dashboard-portfolio">
      {result.fetching && !portfolio && <p aria-live="polite">Chargement…</p>}
      <Alert message={result.error && describeError(result.error)} prefix="Les chiffres ne peuvent pas être affichés : " />
      <div className="button-row">
        <button type="button" className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" onClick={() => void exportCsv()} disabled={exporting}>
          Exporter en CSV
        </button>
      </div>
      <Alert message={exportError} />
      <GristSyncForm filter={variables.filter} />
      {portfolio && (
        <>
          <dl className="fiche-fields" data-testid="dashboard-figures">
            <dt>Projets</dt>
            <dd data-testid="dashboard-project-count">{portfolio.projectCount}</dd>
            <dt>Projets inactifs depuis 90 jours</dt>
            <dd data-testid="dashboard-inactive-count">{portfolio.inactiveProjectCount}</dd>
            <dt>Budget estimé</dt>
            <dd>{formatEuros(portfolio.amounts.budget)}</dd>
            <dt>Montant demandé</dt>
            <dd>{formatEuros(portfolio.amounts.amountRequested)}</dd>
            <dt>Montant accordé</dt>
            <dd>{formatEuros(portfolio.amounts.amountGranted)}</dd>
            <dt>Délai médian jusqu’à la qualification</dt>
            <dd>{days(portfolio.medianDays.toQualification)}</dd>
            <dt>Délai médian jusqu’à l’affectation</dt>
            <dd>{days(portfolio.medianDays.toAssignment)}</dd>
            <dt>Délai médian jusqu’à la décision de financement</dt>
            <dd>{days(portfolio.medianDays.toFundingDecision)}</dd>
          </dl>
          <p className="muted" data-testid="dashboard-current-at">
            Chiffres à jour jusqu’à l’événement n° {portfolio.currentAt} du journal.
          </p>
          <div className="hub-charts">
            <BarChart
              testId="chart-status"
              title="Projets par statut"
              unit="Projets"
              rows={portfolio.byStatus.map((line) => ({ key: line.status, label: formatStatus(line.status), value: line.count }))}
            />
            <BarChart testId="chart-theme" title="Projets par thématique" unit="Projets" rows={portfolio.byTheme.map((line) => ({ key: line.key, label: themeLabel(line.key), value: line.count }))} />
            <BarChart testId="chart-programme" title="Projets par programme" unit="Projets" rows={portfolio.byProgramme.map((line) => ({ key: line.key, label: line.key, value: line.count }))} />
            <BarChart testId="chart-phase" title="Projets par phase" unit="Projets" rows={portfolio.byPhase.map((line) => ({ key: line.key, label: formatPhase(line.key), value: line.count }))} />
            <BarChart testId="chart-months" title="Projets créés par mois" unit="Projets créés" rows={points.map((point) => ({ key: point.period, label: point.period, value: point.created }))} />
            <BarChart
              testId="chart-months-funding"
              title="Décisions de financement par mois"
              unit="Décisions"
              rows={points.map((point) => ({ key: point.period, label: point.period, value: point.fundingDecided }))}
            />
          </div>
        </>
      )}
    </div>
  );
}

function days(value: number | null): string {
  return value === null ? '—' : `${value} jour${value > 1 ? 's' : ''}`;
}
