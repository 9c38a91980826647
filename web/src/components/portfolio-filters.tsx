import { useState, type SubmitEvent } from 'react';
import { PHASE_OPTIONS, STATUS_OPTIONS } from '../format';
import { useThemes } from '../themes';

/** The dashboard's filter, as sent in `PortfolioFilter` and in the CSV export's query (the territory aside). */
export interface PortfolioFilterValues {
  programme: string;
  theme: string;
  status: string;
  phase: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: PortfolioFilterValues = { programme: '', theme: '', status: '', phase: '', from: '', to: '' };

/** The filled fields of a filter (an empty field does not narrow). */
export function filledFilter(values: PortfolioFilterValues): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const [key, value] of Object.entries(values) as [string, string][]) if (value.trim() !== '') filled[key] = value.trim();
  return filled;
}

/** Filters of the dashboard: applied on "Filtrer", so that typing does not query at each key. */
export function PortfolioFilters({ onApply }: { onApply: (values: PortfolioFilterValues) => void }) {
  const { themes } = useThemes();
  const [draft, setDraft] = useState<PortfolioFilterValues>(EMPTY_FILTER);
  const set = (key: keyof PortfolioFilterValues) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filtres du tableau de bord">
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="dashboard-programme">
          Programme
        </label>
        <input className="fr-input" id="dashboard-programme" value={draft.programme} onChange={set('programme')} />
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="dashboard-theme">
          Thématique
        </label>
        <select className="fr-select" id="dashboard-theme" value={draft.theme} onChange={set('theme')}>
          <option value="">Toutes</option>
          {themes.map((theme) => (
            <option key={theme.slug} value={theme.slug}>
              {theme.label}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="dashboard-status">
          Statut
        </label>
        <select className="fr-select" id="dashboard-status" value={draft.status} onChange={set('status')}>
          <option value="">Tous</option>
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="dashboard-phase">
          Phase
        </label>
        <select className="fr-select" id="dashboard-phase" value={draft.phase} onChange={set('phase')}>
          <option value="">Toutes</option>
          {PHASE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="dashboard-from">
          Créés à partir du
        </label>
        <input className="fr-input" type="date" id="dashboard-from" value={draft.from} onChange={set('from')} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="dashboard-to">
          Créés jusqu’au
        </label>
        <input className="fr-input" type="date" id="dashboard-to" value={draft.to} onChange={set('to')} />
      </div>
      <div className="filters-buttons">
        <button type="submit" className="fr-btn">
          Filtrer
        </button>
      </div>
    </form>
  );
}
