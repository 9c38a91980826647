import { useEffect, useState, type ReactNode } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { CombinedError } from 'urql';
import { describeError } from '../graphql-errors';

export interface Picked {
  id: string;
  title: string;
}

/** What a search finds: the options (with a detail shown beside each title), while it runs, its error. */
export interface PickerResults {
  options: (Picked & { detail: ReactNode })[];
  fetching: boolean;
  error?: CombinedError;
}

interface SearchPickerProps {
  label: string;
  hintText: string;
  inputId: string;
  /** Reads the options for a search of two characters or more (a hook: `pause` it below two). */
  useResults: (search: string) => PickerResults;
  /** "3 fiches", for screen readers. */
  countText: (count: number) => string;
  /** The list's accessible name for a search. */
  listLabel: (search: string) => string;
  emptyText: string;
  onPick: (picked: Picked) => void;
}

/** A search as you type (250 ms after the last key), its results as a list of buttons to choose one. */
export function SearchPicker({ label, hintText, inputId, useResults, countText, listLabel, emptyText, onPick }: SearchPickerProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const { options: found, fetching, error } = useResults(search);
  const options = search.length >= 2 ? found : [];
  return (
    <div>
      <Input label={label} hintText={hintText} nativeInputProps={{ id: inputId, type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value) }} />
      <p className="fr-sr-only" aria-live="polite">
        {search.length >= 2 && !fetching ? countText(options.length) : ''}
      </p>
      {error && <p className="fr-error-text">Recherche impossible : {describeError(error)}</p>}
      {options.length > 0 && (
        <ul className="suggestions" aria-label={listLabel(search)}>
          {options.map((option) => (
            <li key={option.id}>
              <button type="button" onClick={() => onPick({ id: option.id, title: option.title })}>
                {option.title} <span className="muted">({option.detail})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.length >= 2 && !fetching && !error && options.length === 0 && <p className="fr-text--sm">{emptyText}</p>}
    </div>
  );
}
