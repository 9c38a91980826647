import { useQuery } from 'urql';
import { RESOURCE_LIST_QUERY } from '../resource-operations';
import { SearchPicker, type Picked, type PickerResults } from './search-picker';

export type PickedResource = Picked;

function useResources(search: string): PickerResults {
  const [{ data, fetching, error }] = useQuery({ query: RESOURCE_LIST_QUERY, variables: { first: 8, after: null, filter: { search } }, pause: search.length < 2 });
  const options = (data?.resources.edges ?? []).map(({ node }) => ({ id: node.id, title: node.title, detail: node.provider?.name ?? 'sans fournisseur' }));
  return { options, fetching, error };
}

/** A published sheet of the library, searched by words as you type: a list of buttons to choose one. */
export function ResourcePicker({ onPick }: { onPick: (resource: PickedResource) => void }) {
  return (
    <SearchPicker
      label="Ressource de la bibliothèque (facultatif)"
      hintText="Tapez des mots-clés ; sans ressource, la recommandation est libre"
      inputId="pick-resource"
      useResults={useResources}
      countText={(n) => `${n} fiche${n > 1 ? 's' : ''}`}
      listLabel={(search) => `Fiches pour « ${search} »`}
      emptyText="Aucune fiche ne correspond."
      onPick={onPick}
    />
  );
}
