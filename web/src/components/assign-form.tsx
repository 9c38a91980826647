import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation, useQuery } from 'urql';
import { CHANGE_PROJECT_STATUS_MUTATION } from '../change-project-status-mutation';
import { describeError } from '../graphql-errors';
import { AGENTS_QUERY } from '../state-operations';
import { useThemes } from '../themes';
import { Alert } from './alert';

interface AssignFormProps {
  projectId: string;
  themes: string[];
  /** The viewer's State service (DDT, préfecture), whose agents are offered. */
  serviceId: string;
  onDone: () => void;
}

/**
 * "Attribuer le projet": a theme among the project's, then an agent of the viewer's service,
 * those who follow that theme first (changeProjectStatus ASSIGN).
 */
export function AssignForm({ projectId, themes, serviceId, onDone }: AssignFormProps) {
  const { themes: taxonomy, themeLabel } = useThemes();
  const choices = themes.length > 0 ? themes : taxonomy.map((theme) => theme.slug);
  const [picked, setPicked] = useState<string | null>(null);
  const theme = picked ?? (choices.length > 0 ? choices[0] : '');
  const [personId, setPersonId] = useState('');
  const [{ data, fetching, error }] = useQuery({ query: AGENTS_QUERY, variables: { organizationId: serviceId } });
  const [{ fetching: assigning }, changeStatus] = useMutation(CHANGE_PROJECT_STATUS_MUTATION);
  const [failure, setFailure] = useState<string | null>(null);
  const agents = data?.organization.members.edges.map((edge) => edge.node) ?? [];
  const following = agents.filter((agent) => agent.themes.includes(theme));
  const others = agents.filter((agent) => !agent.themes.includes(theme));
  const describe = (agent: (typeof agents)[number]) => `${agent.name ?? 'Agent'}${agent.themes.length > 0 ? ` (suit : ${agent.themes.map(themeLabel).join(', ')})` : ''}`;

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
      <Select label="Thème suivi" hint="Les agents qui suivent ce thème sont proposés en premier." nativeSelectProps={{ id: 'assign-theme', value: theme, onChange: (e) => setPicked(e.target.value) }}>
        {choices.map((slug) => (
          <option key={slug} value={slug}>
            {themeLabel(slug)}
          </option>
        ))}
      </Select>
      <Select label="Agent" nativeSelectProps={{ id: 'assign-agent', value: personId, onChange: (e) => setPersonId(e.target.value), disabled: fetching }}>
        <option value="">{fetching ? 'Chargement des agents…' : '— Choisir un agent —'}</option>
        {following.length > 0 && (
          <optgroup label={`Suivent le thème « ${themeLabel(theme)} »`}>
            {following.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {describe(agent)}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={following.length > 0 ? 'Autres agents du service' : 'Agents du service'}>
            {others.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {describe(agent)}
              </option>
            ))}
          </optgroup>
        )}
      </Select>
      <Alert message={error && describeError(error)} prefix="Liste des agents indisponible : " />
      <Button type="submit" disabled={assigning}>
        Attribuer
      </Button>
      <Alert message={failure} />
    </form>
  );
}
