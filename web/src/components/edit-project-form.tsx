import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { describeError, isConflict } from '../graphql-errors';
import { UPDATE_PROJECT_MUTATION } from '../project-edit-mutations';
import { draftErrors, fieldsInput, type ProjectDraft } from '../project-draft';
import type { ProjectFiche } from '../project-fiche-query';
import { Alert } from './alert';
import { ConflictAlert } from './conflict-alert';
import { ProjectFields } from './project-fields';

function draftOfProject(project: ProjectFiche): ProjectDraft {
  return {
    title: project.title,
    description: project.description,
    themes: project.themes,
    phase: project.phase,
    programmes: project.programmes.join(', '),
    budget: project.budgetEuros === null ? '' : String(project.budgetEuros),
    startDate: project.startDate ?? '',
    endDate: project.endDate ?? '',
    otherCommunes: (project.territories ?? []).slice(1).map(({ id, name }) => ({ id, name })),
  };
}

interface EditProjectFormProps {
  project: ProjectFiche;
  onSaved: () => void;
  onCancel: () => void;
}

/** "Modifier la présentation": the fiche's fields, sent with the version read (a conflict is explained). */
export function EditProjectForm({ project, onSaved, onCancel }: EditProjectFormProps) {
  const [draft, setDraft] = useState(() => draftOfProject(project));
  const [showErrors, setShowErrors] = useState(false);
  const [{ fetching }, update] = useMutation(UPDATE_PROJECT_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // Null while people-territories cannot answer: saving would clear the other communes.
  const territoriesUnknown = project.territories === null;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (Object.keys(draftErrors(draft)).length > 0) {
      setShowErrors(true);
      return;
    }
    if (territoriesUnknown) return;
    setError(null);
    const result = await update({ id: project.id, version: project.version, input: fieldsInput(draft) });
    if (result.error && isConflict(result.error)) setConflict(true);
    else if (result.error) setError(`Modification impossible : ${describeError(result.error)}.`);
    else onSaved();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate aria-label="Modifier la présentation">
      {conflict && <ConflictAlert onReload={onSaved} />}
      <ProjectFields part="project" value={draft} onChange={setDraft} showErrors={showErrors} />
      <ProjectFields part="budget" value={draft} onChange={setDraft} showErrors={showErrors} />
      <Alert message={territoriesUnknown ? 'Les communes du projet sont indisponibles pour le moment : réessayez plus tard pour l’enregistrer.' : error} />
      <div className="button-row">
        <Button type="submit" disabled={fetching || conflict || territoriesUnknown}>
          Enregistrer
        </Button>
        <Button type="button" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
