import { useEffect, useId, useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { TERRITORY_SEARCH_QUERY, type TerritoryOption } from '../territory-search-query';

interface TerritorySearchProps {
  label: string;
  hint?: string;
  kind: 'COMMUNE' | 'EPCI' | 'DEPARTEMENT' | null;
  onPick: (territory: TerritoryOption) => void;
}

const KIND_LABELS: Record<string, string> = { COMMUNE: 'commune', EPCI: 'EPCI', DEPARTEMENT: 'département' };

/** A territory searched as you type (name, INSEE code, SIREN or postcode): a list of buttons to pick one. */
export function TerritorySearch({ label, hint, kind, onPick }: TerritorySearchProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  // One request once typing pauses (250 ms), not one per key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: TERRITORY_SEARCH_QUERY, variables: { search, kind }, pause: search.length < 2 });
  const options = search.length >= 2 ? (data?.territories.edges.map((edge) => edge.node) ?? []) : [];

  return (
    <div>
      <Input label={label} hintText={hint} nativeInputProps={{ id, type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value), 'aria-describedby': `${id}-status` }} />
      <p id={`${id}-status`} className="fr-sr-only" aria-live="polite">
        {search.length >= 2 && !fetching ? `${options.length} résultat${options.length > 1 ? 's' : ''}` : ''}
      </p>
      {fetching && <p className="fr-text--sm">Recherche…</p>}
      {error && <p className="fr-error-text">Recherche impossible : {describeError(error)}</p>}
      {options.length > 0 && (
        <ul className="suggestions" aria-label={`Résultats pour « ${search} »`}>
          {options.map((option) => (
            <li key={option.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(option);
                  setText('');
                  setSearch('');
                }}
              >
                {option.name}{' '}
                <span className="muted">
                  ({KIND_LABELS[option.kind] ?? option.kind} {option.code}
                  {option.departement ? `, ${option.departement.name}` : ''})
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.length >= 2 && !fetching && !error && options.length === 0 && (
        <p className="fr-text--sm">Aucun territoire ne correspond : vérifiez l'orthographe, ou tapez le code INSEE ou le code postal.</p>
      )}
    </div>
  );
}
