import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { STATUS_OPTIONS } from '../format';
import type { ProjectFilter } from '../project-list-query';
import { useThemes } from '../themes';

/** The list's search (words of the title) and filters (status, theme, programme), applied with "Rechercher". */
export function ProjectFilters({ onApply }: { onApply: (filter: ProjectFilter) => void }) {
  const { themes } = useThemes();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [theme, setTheme] = useState('');
  const [programme, setProgramme] = useState('');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const filter: ProjectFilter = {};
    if (search.trim()) filter.search = search.trim();
    if (status) filter.status = status as ProjectFilter['status'];
    if (theme) filter.theme = theme;
    if (programme.trim()) filter.programme = programme.trim();
    onApply(filter);
  }

  function handleReset() {
    setSearch('');
    setStatus('');
    setTheme('');
    setProgramme('');
    onApply({});
  }

  return (
    <form className="filters fr-mb-3w" onSubmit={handleSubmit} aria-label="Rechercher et filtrer les projets">
      <Input label="Rechercher dans les titres" nativeInputProps={{ id: 'list-search', type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }} />
      <Select label="Statut" nativeSelectProps={{ id: 'list-status', value: status, onChange: (e) => setStatus(e.target.value) }}>
        <option value="">Tous les statuts</option>
        {STATUS_OPTIONS.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Select label="Thème" nativeSelectProps={{ id: 'list-theme', value: theme, onChange: (e) => setTheme(e.target.value) }}>
        <option value="">Tous les thèmes</option>
        {themes.map(({ slug, label }) => (
          <option key={slug} value={slug}>
            {label}
          </option>
        ))}
      </Select>
      <Input label="Programme" nativeInputProps={{ id: 'list-programme', value: programme, onChange: (e) => setProgramme(e.target.value), placeholder: 'ex. CRTE' }} />
      <div className="filters-buttons">
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
