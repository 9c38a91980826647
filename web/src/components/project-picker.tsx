import { useQuery } from 'urql';
import { territoryName } from '../format';
import { PROJECT_PICK_QUERY } from '../recommendation-operations';
import { SearchPicker, type Picked, type PickerResults } from './search-picker';

export type PickedProject = Picked;

function useProjects(search: string): PickerResults {
  const [{ data, fetching, error }] = useQuery({ query: PROJECT_PICK_QUERY, variables: { search }, pause: search.length < 2, requestPolicy: 'network-only' });
  const options = (data?.projects.edges ?? []).map(({ node }) => ({ id: node.id, title: node.title, detail: territoryName(node.territory) }));
  return { options, fetching, error };
}

/** A project the viewer sees, searched by a part of its title as you type: a list of buttons to choose one. */
export function ProjectPicker({ onPick }: { onPick: (project: PickedProject) => void }) {
  return (
    <SearchPicker
      label="Projet"
      hintText="Tapez une partie de son titre"
      inputId="pick-project"
      useResults={useProjects}
      countText={(n) => `${n} projet${n > 1 ? 's' : ''}`}
      listLabel={(search) => `Projets pour « ${search} »`}
      emptyText="Aucun projet que vous suivez ne correspond."
      onPick={onPick}
    />
  );
}
