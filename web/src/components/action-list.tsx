import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation } from 'urql';
import { ADD_ACTION_MUTATION, SET_ACTION_STATUS_MUTATION, type ActionStatus } from '../action-operations';
import { ACTION_STATUS_OPTIONS, formatActionStatus } from '../format';
import { describeError } from '../graphql-errors';
import type { ProjectAction } from '../project-fiche-query';
import { Alert } from './alert';

interface ActionListProps {
  projectId: string;
  actions: ProjectAction[];
  /** Whether the viewer may propose actions and change their status. */
  canEdit: boolean;
  onChanged: () => void;
}

/** "Actions": actions and recommendations with their status (changed in place), and a form to propose one. */
export function ActionList({ projectId, actions, canEdit, onChanged }: ActionListProps) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [{ fetching: adding }, addAction] = useMutation(ADD_ACTION_MUTATION);
  const [, setStatus] = useMutation(SET_ACTION_STATUS_MUTATION);
  const [error, setError] = useState<string | null>(null);

  async function handleAdd(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) {
      setError("Donnez un intitulé à l'action.");
      return;
    }
    setError(null);
    const result = await addAction({ projectId, title: title.trim(), description: description.trim() || null });
    if (result.error) setError(`Ajout impossible : ${describeError(result.error)}.`);
    else {
      setTitle('');
      setDescription('');
      onChanged();
    }
  }

  async function handleStatus(id: string, status: ActionStatus) {
    setError(null);
    const result = await setStatus({ id, status });
    if (result.error) setError(`Changement impossible : ${describeError(result.error)}.`);
    else onChanged();
  }

  return (
    <>
      <h2>
        Actions <span className="count">({actions.length})</span>
      </h2>
      {actions.length === 0 ? (
        <p>Aucune action pour le moment.</p>
      ) : (
        <ul className="items">
          {actions.map((action) => (
            <li key={action.id} data-testid="action">
              <div className="item-head">
                <strong>{action.title}</strong>
                {canEdit ? (
                  <span className="fr-select-group fr-mb-0">
                    <label className="fr-label fr-sr-only" htmlFor={`action-status-${action.id}`}>
                      Statut de l'action « {action.title} »
                    </label>
                    <select id={`action-status-${action.id}`} className="fr-select" value={action.status} onChange={(e) => void handleStatus(action.id, e.target.value as ActionStatus)}>
                      {ACTION_STATUS_OPTIONS.map(({ value, label }) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </span>
                ) : (
                  <span className="fr-badge fr-badge--sm fr-badge--no-icon">{formatActionStatus(action.status)}</span>
                )}
              </div>
              {action.description && <p className="text fr-mb-0">{action.description}</p>}
            </li>
          ))}
        </ul>
      )}
      <Alert message={error} />
      {canEdit && (
        <form onSubmit={(event) => void handleAdd(event)} className="fr-mt-4w" aria-labelledby="add-action-title">
          <h3 id="add-action-title" className="fr-h6">
            Proposer une action
          </h3>
          <Input label="Intitulé" nativeInputProps={{ id: 'action-title', value: title, onChange: (e) => setTitle(e.target.value), maxLength: 200 }} />
          <Input label="Description (facultatif)" textArea nativeTextAreaProps={{ id: 'action-description', value: description, onChange: (e) => setDescription(e.target.value), rows: 2 }} />
          <Button type="submit" disabled={adding}>
            Ajouter l'action
          </Button>
        </form>
      )}
    </>
  );
}
