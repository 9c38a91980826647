import { useEffect, useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { ASSOCIATE_ORGANIZATION_MUTATION, ORGANIZATION_SEARCH_QUERY } from '../state-operations';
import { Alert } from './alert';

interface AssociateOrganizationFormProps {
  projectId: string;
  onDone: () => void;
}

/** "Associer une organisation": an expert organisation or an operator searched by name as you type, associated with a click. */
export function AssociateOrganizationForm({ projectId, onDone }: AssociateOrganizationFormProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: ORGANIZATION_SEARCH_QUERY, variables: { search }, pause: search.length < 2 });
  const [{ fetching: associating }, associate] = useMutation(ASSOCIATE_ORGANIZATION_MUTATION);
  const [failure, setFailure] = useState<string | null>(null);
  const options = search.length >= 2 ? (data?.organizations.edges.map((edge) => edge.node) ?? []) : [];

  async function handlePick(organizationId: string) {
    setFailure(null);
    const result = await associate({ projectId, organizationId });
    if (result.error) setFailure(`Association impossible : ${describeError(result.error)}.`);
    else {
      setText('');
      setSearch('');
      onDone();
    }
  }

  return (
    <div>
      <h3 className="fr-h6">Associer une organisation</h3>
      <Input
        label="Organisation (expert, opérateur)"
        hintText="Tapez au moins deux lettres de son nom, ex. Cerema."
        nativeInputProps={{ id: 'associate-search', type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value) }}
      />
      {fetching && <p className="fr-text--sm">Recherche…</p>}
      <Alert message={error && describeError(error)} prefix="Recherche impossible : " />
      {options.length > 0 && (
        <ul className="suggestions" aria-label={`Organisations pour « ${search} »`}>
          {options.map((option) => (
            <li key={option.id}>
              <button type="button" disabled={associating} onClick={() => void handlePick(option.id)}>
                Associer {option.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.length >= 2 && !fetching && !error && options.length === 0 && <p className="fr-text--sm">Aucune organisation ne porte ce nom.</p>}
      <Alert message={failure} />
    </div>
  );
}
