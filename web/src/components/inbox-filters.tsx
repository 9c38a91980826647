import { useState, type SubmitEvent } from 'react';
import type { InboxFilter } from '../inbox-query';
import { useThemes } from '../themes';

interface InboxFiltersProps {
  onApply: (filter: InboxFilter) => void;
}

/** The inbox's filters: theme, programme, commune and "déposés avant", applied with "Filtrer". */
export function InboxFilters({ onApply }: InboxFiltersProps) {
  const { themes } = useThemes();
  const [theme, setTheme] = useState('');
  const [programme, setProgramme] = useState('');
  const [territoryId, setTerritoryId] = useState('');
  const [before, setBefore] = useState('');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const filter: InboxFilter = {};
    if (theme) filter.theme = theme;
    if (programme.trim()) filter.programme = programme.trim();
    const territory = territoryId.trim();
    // A bare INSEE code (63113, 2A004) is a commune's; anything else is taken as a territory id.
    if (territory) filter.territoryId = /^[0-9][0-9AB][0-9]{3}$/i.test(territory) ? `COMMUNE:${territory.toUpperCase()}` : territory;
    // Before the start of that day, in the browser's time zone.
    if (before) filter.submittedBefore = new Date(`${before}T00:00:00`).toISOString();
    onApply(filter);
  }

  function handleReset() {
    setTheme('');
    setProgramme('');
    setTerritoryId('');
    setBefore('');
    onApply({});
  }

  return (
    <form className="filters fr-mb-3w" onSubmit={handleSubmit} aria-label="Filtres">
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-theme">
          Thème
        </label>
        <select className="fr-select" id="filter-theme" value={theme} onChange={(e) => setTheme(e.target.value)}>
          <option value="">Tous les thèmes</option>
          {themes.map(({ slug, label }) => (
            <option key={slug} value={slug}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-programme">
          Programme
        </label>
        <input className="fr-input" id="filter-programme" type="text" value={programme} onChange={(e) => setProgramme(e.target.value)} placeholder="ex. Petites villes de demain" />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-territory">
          Commune (code INSEE)
        </label>
        <input className="fr-input" id="filter-territory" type="text" value={territoryId} onChange={(e) => setTerritoryId(e.target.value)} placeholder="ex. 63113" />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-before">
          Déposés avant le
        </label>
        <input className="fr-input" id="filter-before" type="date" value={before} onChange={(e) => setBefore(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="fr-btn">
          Filtrer
        </button>
        <button type="button" className="fr-btn fr-btn--secondary" onClick={handleReset}>
          Effacer les filtres
        </button>
      </div>
    </form>
  );
}
