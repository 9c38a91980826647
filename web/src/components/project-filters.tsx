import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { STATUS_OPTIONS } from '../format';
import type { ProjectFilter } from '../project-list-query';
import { useThemes } from '../themes';

/**
 * The list's search (words of the title) and filters (status, theme, programme), applied with
 * "Rechercher" (the map of projects uses them too, with its own `label` and ids' `prefix`).
 */
export function ProjectFilters({
  onApply,
  initial = {},
  prefix = 'list',
  label = 'Rechercher et filtrer les projets',
}: {
  onApply: (filter: ProjectFilter) => void;
  initial?: ProjectFilter;
  prefix?: string;
  label?: string;
}) {
  const { themes } = useThemes();
  const [search, setSearch] = useState(initial.search ?? '');
  const [status, setStatus] = useState<string>(initial.status ?? '');
  const [theme, setTheme] = useState(initial.theme ?? '');
  const [programme, setProgramme] = useState(initial.programme ?? '');

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
    <form className="filters fr-mb-3w" onSubmit={handleSubmit} aria-label={label}>
      <Input label="Rechercher dans les titres" nativeInputProps={{ id: `${prefix}-search`, type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }} />
      <Select label="Statut" nativeSelectProps={{ id: `${prefix}-status`, value: status, onChange: (e) => setStatus(e.target.value) }}>
        <option value="">Tous les statuts</option>
        {STATUS_OPTIONS.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Select label="Thème" nativeSelectProps={{ id: `${prefix}-theme`, value: theme, onChange: (e) => setTheme(e.target.value) }}>
        <option value="">Tous les thèmes</option>
        {themes.map(({ slug, label }) => (
          <option key={slug} value={slug}>
            {label}
          </option>
        ))}
      </Select>
      <Input label="Programme" nativeInputProps={{ id: `${prefix}-programme`, value: programme, onChange: (e) => setProgramme(e.target.value), placeholder: 'ex. CRTE' }} />
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
