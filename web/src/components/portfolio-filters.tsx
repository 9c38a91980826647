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
      <FilterSelect id="dashboard-theme" label="Thématique" all="Toutes" value={draft.theme} onChange={set('theme')} options={themes.map((theme) => ({ value: theme.slug, label: theme.label }))} />
      <FilterSelect id="dashboard-status" label="Statut" all="Tous" value={draft.status} onChange={set('status')} options={STATUS_OPTIONS} />
      <FilterSelect id="dashboard-phase" label="Phase" all="Toutes" value={draft.phase} onChange={set('phase')} options={PHASE_OPTIONS} />
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

interface FilterSelectProps {
  id: string;
  label: string;
  /** The first option, which does not narrow ("Tous", "Toutes"). */
  all: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  options: readonly { value: string; label: string }[];
}

/** One of the dashboard's DSFR select filters. */
function FilterSelect({ id, label, all, value, onChange, options }: FilterSelectProps) {
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select className="fr-select" id={id} value={value} onChange={onChange}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
