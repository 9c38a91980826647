import { useEffect, useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from 'urql';
import { describeError } from '../graphql-errors';
import { PROJECT_PICK_QUERY } from '../recommendation-operations';

export interface PickedProject {
  id: string;
  title: string;
}

/** A project the viewer sees, searched by a part of its title as you type: a list of buttons to choose one. */
export function ProjectPicker({ onPick }: { onPick: (project: PickedProject) => void }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: PROJECT_PICK_QUERY, variables: { search }, pause: search.length < 2, requestPolicy: 'network-only' });
  const options = search.length >= 2 ? (data?.projects.edges.map((edge) => edge.node) ?? []) : [];
  return (
    <div>
      <Input
        label="Projet"
        hintText="Tapez une partie de son titre"
        nativeInputProps={{ id: 'pick-project', type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value) }}
      />
      <p className="fr-sr-only" aria-live="polite">
        {search.length >= 2 && !fetching ? `${options.length} projet${options.length > 1 ? 's' : ''}` : ''}
      </p>
      {error && <p className="fr-error-text">Recherche impossible : {describeError(error)}</p>}
      {options.length > 0 && (
        <ul className="suggestions" aria-label={`Projets pour « ${search} »`}>
          {options.map((project) => (
            <li key={project.id}>
              <button type="button" onClick={() => onPick({ id: project.id, title: project.title })}>
                {project.title} <span className="muted">({project.territory.name})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.length >= 2 && !fetching && !error && options.length === 0 && <p className="fr-text--sm">Aucun projet que vous suivez ne correspond.</p>}
    </div>
  );
}
