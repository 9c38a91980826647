import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation } from 'urql';
import { describeError, isConflict } from '../graphql-errors';
import { UPDATE_RECOMMENDATION_MUTATION, type Recommendation, type RecommendationChanges } from '../recommendation-operations';
import { Alert } from './alert';

const PRIORITIES = [
  { value: 'HIGH', label: 'Haute' },
  { value: 'NORMAL', label: 'Normale' },
  { value: 'LOW', label: 'Basse' },
];

/** "Modifier": the title, why, what to do, contact, deadline and priority of a recommendation, sent with the version read. */
export function RecommendationEditForm({ recommendation: r, onCancel, onDone }: { recommendation: Recommendation; onCancel: () => void; onDone: () => void }) {
  const [title, setTitle] = useState(r.title);
  const [why, setWhy] = useState(r.why);
  const [whatToDo, setWhatToDo] = useState(r.whatToDo);
  const [contactText, setContactText] = useState(r.contactText ?? '');
  const [deadline, setDeadline] = useState(r.deadline ?? '');
  const [priority, setPriority] = useState<string>(r.priority);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, update] = useMutation(UPDATE_RECOMMENDATION_MUTATION);
  const prefix = `edit-${r.id}`;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) {
      setError('Donnez un intitulé à la recommandation.');
      return;
    }
    setError(null);
    const input: RecommendationChanges = {
      title: title.trim(),
      why: why.trim(),
      whatToDo: whatToDo.trim(),
      contactText: contactText.trim() || null,
      deadline: deadline || null,
      priority: priority as RecommendationChanges['priority'],
    };
    const result = await update({ id: r.id, version: r.version, input });
    if (!result.error) onDone();
    else if (isConflict(result.error)) setError('La recommandation a été modifiée entre-temps, ou le projet est clos : rechargez la page avant de la modifier.');
    else if (result.error.graphQLErrors.some((e) => e.extensions.code === 'BAD_USER_INPUT' && e.message === 'Nothing to change')) onCancel();
    else setError(`Modification impossible : ${describeError(result.error)}.`);
  }

  return (
    <form className="fr-mt-2w" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={`Modifier « ${r.title} »`}>
      <Input label="Intitulé" nativeInputProps={{ id: `${prefix}-title`, value: title, maxLength: 200, onChange: (e) => setTitle(e.target.value) }} />
      <Input label="Pourquoi" textArea nativeTextAreaProps={{ id: `${prefix}-why`, value: why, rows: 3, maxLength: 5000, onChange: (e) => setWhy(e.target.value) }} />
      <Input label="Que faire" textArea nativeTextAreaProps={{ id: `${prefix}-what`, value: whatToDo, rows: 3, maxLength: 5000, onChange: (e) => setWhatToDo(e.target.value) }} />
      <Input
        label="Contact"
        hintText="Une personne, un service, un numéro"
        nativeInputProps={{ id: `${prefix}-contact`, value: contactText, maxLength: 500, onChange: (e) => setContactText(e.target.value) }}
      />
      <Input label="Échéance (facultatif)" nativeInputProps={{ id: `${prefix}-deadline`, type: 'date', value: deadline, onChange: (e) => setDeadline(e.target.value) }} />
      <Select label="Priorité" nativeSelectProps={{ id: `${prefix}-priority`, value: priority, onChange: (e) => setPriority(e.target.value) }}>
        {PRIORITIES.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Alert message={error} />
      <div className="button-row">
        <Button type="submit" disabled={fetching}>
          Enregistrer les modifications
        </Button>
        <Button type="button" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
