import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from 'urql';
import { formatOrganizationKind } from '../administration-labels';
import { describeError } from '../graphql-errors';
import { ORGANIZATION_SEARCH_QUERY, type FoundOrganization } from '../state-operations';

interface OrganizationSearchProps {
  /** The field's id (its label points to it; tests and focus moves find it). */
  inputId: string;
  label: string;
  hintText?: string;
  /** Called with the organisation chosen (click, or Entrée on the highlighted one); the field is then emptied. */
  onPick: (organization: FoundOrganization) => void;
  disabled?: boolean;
}

/**
 * The one organisation search of the app (inviting a person, associating an expert with a
 * project, the administration's filter of people): a DSFR field, searched as you type (two
 * characters, 250 ms after the last key; `organizations(search)`), its results in a listbox
 * (ARIA combobox pattern: ↓ and ↑ move through them, Entrée chooses, Échap closes the list, a
 * click chooses too), how many were found announced to screen readers.
 */
export function OrganizationSearch({ inputId, label, hintText = 'Tapez au moins deux lettres de son nom, ex. DDT Puy-de-Dôme ou Cerema.', onPick, disabled = false }: OrganizationSearchProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${useId()}-organisations`;
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: ORGANIZATION_SEARCH_QUERY, variables: { search }, pause: search.length < 2 });
  const ready = search.length >= 2 && search === text.trim() && !fetching;
  const options = ready ? (data?.organizations.edges.map((edge) => edge.node) ?? []) : [];
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${listId}-${index}`;

  function pick(organization: FoundOrganization) {
    setText('');
    setSearch('');
    setOpen(false);
    setActive(-1);
    onPick(organization);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current < 0 ? (step > 0 ? 0 : options.length - 1) : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter') {
      // Never submits the form around: Entrée chooses the highlighted organisation, if any.
      event.preventDefault();
      if (expanded && active >= 0 && options[active]) pick(options[active]);
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else setText('');
    }
  }

  return (
    <div className="hub-combobox">
      <Input
        label={label}
        hintText={hintText}
        disabled={disabled}
        nativeInputProps={{
          id: inputId,
          type: 'text',
          role: 'combobox',
          value: text,
          autoComplete: 'off',
          'aria-autocomplete': 'list',
          'aria-expanded': expanded,
          'aria-controls': listId,
          'aria-activedescendant': expanded && active >= 0 ? optionId(active) : undefined,
          onChange: (event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          },
          onKeyDown: handleKeyDown,
          onBlur: () => setOpen(false),
          onFocus: () => setOpen(true),
        }}
      />
      <div className="hub-combobox-anchor">
        <ul id={listId} role="listbox" aria-label={`Organisations pour « ${search} »`} className="suggestions hub-listbox" hidden={!expanded}>
          {options.map((organization, index) => (
            <li
              key={organization.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Keeps the focus in the field (its blur would close the list before the click).
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(organization)}
            >
              {organization.name} <span className="muted">({formatOrganizationKind(organization.kind)})</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="fr-sr-only" aria-live="polite">
        {ready && !error
          ? options.length === 0
            ? 'Aucune organisation trouvée.'
            : `${options.length} organisation${options.length > 1 ? 's' : ''} trouvée${options.length > 1 ? 's' : ''}, flèche bas pour les parcourir.`
          : ''}
      </p>
      {fetching && <p className="fr-text--sm">Recherche…</p>}
      {error && <p className="fr-error-text">Recherche impossible : {describeError(error)}.</p>}
      {ready && !error && options.length === 0 && <p className="fr-text--sm">Aucune organisation ne porte ce nom.</p>}
    </div>
  );
}
