import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation } from 'urql';
import { describeError } from '../graphql-errors';
import { FOLLOW_UP_STATUS_OPTIONS } from '../library-labels';
import { FOLLOW_UP_RECOMMENDATION_MUTATION, type Recommendation, type RecommendationStatus } from '../recommendation-operations';
import { Alert } from './alert';

/** "Donner des nouvelles": where the recommendation stands now (en cours, bloquée, terminée, pas intéressé, déjà fait) and a comment. */
export function FollowUpForm({ recommendation, onDone }: { recommendation: Recommendation; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<RecommendationStatus>(recommendation.status === 'PROPOSED' ? 'IN_PROGRESS' : recommendation.status);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, followUp] = useMutation(FOLLOW_UP_RECOMMENDATION_MUTATION);
  const id = recommendation.id;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await followUp({ id, status, comment: comment.trim() || null });
    if (result.error) setError(`Suivi impossible : ${describeError(result.error)}.`);
    else {
      setOpen(false);
      setComment('');
      onDone();
    }
  }

  if (!open)
    return (
      <Button type="button" size="small" priority="secondary" onClick={() => setOpen(true)}>
        Donner des nouvelles
      </Button>
    );
  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-label={`Suivi de « ${recommendation.title} »`} className="fr-mt-2w">
      <Select label="Où en êtes-vous ?" nativeSelectProps={{ id: `follow-up-status-${id}`, value: status, onChange: (e) => setStatus(e.target.value as RecommendationStatus) }}>
        {FOLLOW_UP_STATUS_OPTIONS.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Input label="Commentaire" textArea nativeTextAreaProps={{ id: `follow-up-comment-${id}`, value: comment, rows: 3, onChange: (e) => setComment(e.target.value) }} />
      <Alert message={error} />
      <div className="button-row">
        <Button type="submit" size="small" disabled={fetching}>
          Envoyer le suivi
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
