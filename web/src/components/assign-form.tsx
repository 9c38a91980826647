import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation, useQuery } from 'urql';
import { CHANGE_PROJECT_STATUS_MUTATION } from '../change-project-status-mutation';
import { describeError } from '../graphql-errors';
import { AGENTS_QUERY } from '../state-operations';
import { themeLabel, THEMES } from '../themes';
import { Alert } from './alert';

interface AssignFormProps {
  projectId: string;
  themes: string[];
  /** The viewer's State service (DDT, préfecture), whose agents are offered. */
  serviceId: string;
  onDone: () => void;
}

/** "Attribuer le projet": an agent of the viewer's service, for one of the project's themes (changeProjectStatus ASSIGN). */
export function AssignForm({ projectId, themes, serviceId, onDone }: AssignFormProps) {
  const choices = themes.length > 0 ? themes : THEMES.map((theme) => theme.slug);
  const [theme, setTheme] = useState(choices[0] ?? '');
  const [personId, setPersonId] = useState('');
  const [{ data, fetching, error }] = useQuery({ query: AGENTS_QUERY, variables: { organizationId: serviceId } });
  const [{ fetching: assigning }, changeStatus] = useMutation(CHANGE_PROJECT_STATUS_MUTATION);
  const [failure, setFailure] = useState<string | null>(null);
  const agents = data?.organization.members.edges.map((edge) => edge.node) ?? [];

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!personId) {
      setFailure("Choisissez l'agent qui suivra le projet.");
      return;
    }
    setFailure(null);
    const result = await changeStatus({ input: { projectId, transition: 'ASSIGN', assignees: [{ personId, theme: theme || null }] } });
    if (result.error) setFailure(`Attribution impossible : ${describeError(result.error)}.`);
    else onDone();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-labelledby="assign-title" className="fr-mb-4w">
      <h3 id="assign-title" className="fr-h6">
        Attribuer le projet à un agent {data ? `de ${data.organization.name}` : ''}
      </h3>
      <Select label="Thème suivi" nativeSelectProps={{ id: 'assign-theme', value: theme, onChange: (e) => setTheme(e.target.value) }}>
        {choices.map((slug) => (
          <option key={slug} value={slug}>
            {themeLabel(slug)}
          </option>
        ))}
      </Select>
      <Select label="Agent" nativeSelectProps={{ id: 'assign-agent', value: personId, onChange: (e) => setPersonId(e.target.value), disabled: fetching }}>
        <option value="">{fetching ? 'Chargement des agents…' : '— Choisir un agent —'}</option>
        {agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name ?? 'Agent'}
          </option>
        ))}
      </Select>
      <Alert message={error && describeError(error)} prefix="Liste des agents indisponible : " />
      <Button type="submit" disabled={assigning}>
        Attribuer
      </Button>
      <Alert message={failure} />
    </form>
  );
}
