import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ResourceFilter } from '../resource-operations';
import type { TerritoryOption } from '../territory-search-query';
import { useThemes } from '../themes';
import { TerritorySearch } from './territory-search';

interface ResourceFiltersProps {
  onApply: (filter: ResourceFilter) => void;
  /** Whether to offer the viewer's drafts and archives (writers only). */
  canSeeDrafts: boolean;
}

/** The library's search: words, theme, territory (and, for writers, drafts or archives), applied with "Rechercher". */
export function ResourceFilters({ onApply, canSeeDrafts }: ResourceFiltersProps) {
  const { themes } = useThemes();
  const [search, setSearch] = useState('');
  const [theme, setTheme] = useState('');
  const [territory, setTerritory] = useState<TerritoryOption | null>(null);
  const [status, setStatus] = useState('');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const filter: ResourceFilter = {};
    if (search.trim()) filter.search = search.trim();
    if (theme) filter.theme = theme;
    if (territory) filter.territoryId = territory.id;
    if (status) filter.status = status as ResourceFilter['status'];
    onApply(filter);
  }

  function handleReset() {
    setSearch('');
    setTheme('');
    setTerritory(null);
    setStatus('');
    onApply({});
  }

  return (
    <form className="fr-mb-3w" onSubmit={handleSubmit} aria-label="Rechercher dans la bibliothèque">
      <div className="filters">
        <Input label="Mots-clés" nativeInputProps={{ id: 'library-search', type: 'search', value: search, onChange: (e) => setSearch(e.target.value), placeholder: 'ex. rénovation école' }} />
        <Select label="Thème" nativeSelectProps={{ id: 'library-theme', value: theme, onChange: (e) => setTheme(e.target.value) }}>
          <option value="">Tous les thèmes</option>
          {themes.map(({ slug, label }) => (
            <option key={slug} value={slug}>
              {label}
            </option>
          ))}
        </Select>
        {canSeeDrafts && (
          <Select label="Fiches" nativeSelectProps={{ id: 'library-status', value: status, onChange: (e) => setStatus(e.target.value) }}>
            <option value="">Publiées</option>
            <option value="DRAFT">Mes brouillons</option>
            <option value="ARCHIVED">Archivées ou expirées</option>
          </Select>
        )}
      </div>
      {territory ? (
        <p>
          Territoire : <strong>{territory.name}</strong>{' '}
          <Button type="button" size="small" priority="tertiary" onClick={() => setTerritory(null)}>
            Retirer le territoire
          </Button>
        </p>
      ) : (
        <TerritorySearch label="Territoire (commune ou EPCI)" hint="Les fiches nationales, de sa région et de son département" kind={null} onPick={setTerritory} />
      )}
      <div className="filters-buttons fr-mt-2w">
        <Button type="submit" iconId="fr-icon-search-line">
          Rechercher
        </Button>
        <Button type="button" priority="secondary" onClick={handleReset}>
          Effacer
        </Button>
      </div>
    </form>
  );
}
