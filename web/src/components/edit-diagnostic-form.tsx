import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { diagnosticInput, draftOf } from '../diagnostic-draft';
import { describeError, isConflict } from '../graphql-errors';
import { UPDATE_DIAGNOSTIC_MUTATION } from '../project-edit-mutations';
import type { ProjectFiche } from '../project-fiche-query';
import { Alert } from './alert';
import { ConflictAlert } from './conflict-alert';
import { DiagnosticFields } from './diagnostic-fields';

interface EditDiagnosticFormProps {
  project: ProjectFiche;
  onSaved: () => void;
  onCancel: () => void;
}

/** "Modifier l'état des lieux": sent whole with the version read (its financing plan kept as it is); a conflict is explained. */
export function EditDiagnosticForm({ project, onSaved, onCancel }: EditDiagnosticFormProps) {
  const [draft, setDraft] = useState(() => draftOf(project.diagnostic));
  const [{ fetching }, update] = useMutation(UPDATE_DIAGNOSTIC_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const financingPlan = project.diagnostic.financingPlan.map(({ source, amountEuros, secured }) => ({ source, amountEuros, secured }));
    const result = await update({ id: project.id, version: project.version, input: diagnosticInput(draft, financingPlan) });
    if (result.error && isConflict(result.error)) setConflict(true);
    else if (result.error) setError(`Modification impossible : ${describeError(result.error)}.`);
    else onSaved();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-label="Modifier l'état des lieux">
      {conflict && <ConflictAlert onReload={onSaved} />}
      <DiagnosticFields value={draft} onChange={setDraft} disabled={fetching} />
      <Alert message={error} />
      <div className="button-row">
        <Button type="submit" disabled={fetching || conflict}>
          Enregistrer l'état des lieux
        </Button>
        <Button type="button" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
