import { useEffect, useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { RESOURCE_LIST_QUERY } from '../resource-operations';

export interface PickedResource {
  id: string;
  title: string;
}

/** A published sheet of the library, searched by words as you type: a list of buttons to choose one. */
export function ResourcePicker({ onPick }: { onPick: (resource: PickedResource) => void }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: RESOURCE_LIST_QUERY, variables: { first: 8, after: null, filter: { search } }, pause: search.length < 2 });
  const options = search.length >= 2 ? (data?.resources.edges.map((edge) => edge.node) ?? []) : [];
  return (
    <div>
      <Input
        label="Ressource de la bibliothèque (facultatif)"
        hintText="Tapez des mots-clés ; sans ressource, la recommandation est libre"
        nativeInputProps={{ id: 'pick-resource', type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value) }}
      />
      <p className="fr-sr-only" aria-live="polite">
        {search.length >= 2 && !fetching ? `${options.length} fiche${options.length > 1 ? 's' : ''}` : ''}
      </p>
      {error && <p className="fr-error-text">Recherche impossible : {describeError(error)}</p>}
      {options.length > 0 && (
        <ul className="suggestions" aria-label={`Fiches pour « ${search} »`}>
          {options.map((resource) => (
            <li key={resource.id}>
              <button type="button" onClick={() => onPick({ id: resource.id, title: resource.title })}>
                {resource.title} <span className="muted">({resource.provider?.name ?? 'sans fournisseur'})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.length >= 2 && !fetching && !error && options.length === 0 && <p className="fr-text--sm">Aucune fiche ne correspond.</p>}
    </div>
  );
}
