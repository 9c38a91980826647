import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation } from 'urql';
import { describeError } from '../graphql-errors';
import { BLOCK_PROJECT_MUTATION, UNBLOCK_PROJECT_MUTATION } from '../state-operations';
import { Alert } from './alert';

interface BlockFormProps {
  projectId: string;
  blockedReason: string | null;
  onDone: () => void;
}

/** "Signaler un blocage" with its reason (required), or "Lever le blocage". */
export function BlockForm({ projectId, blockedReason, onDone }: BlockFormProps) {
  const [reason, setReason] = useState('');
  const [{ fetching: blocking }, block] = useMutation(BLOCK_PROJECT_MUTATION);
  const [{ fetching: unblocking }, unblock] = useMutation(UNBLOCK_PROJECT_MUTATION);
  const [failure, setFailure] = useState<string | null>(null);

  async function handleBlock(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setFailure('Indiquez ce qui bloque le projet.');
      return;
    }
    setFailure(null);
    const result = await block({ id: projectId, reason: reason.trim() });
    if (result.error) setFailure(`Signalement impossible : ${describeError(result.error)}.`);
    else {
      setReason('');
      onDone();
    }
  }

  async function handleUnblock() {
    setFailure(null);
    const result = await unblock({ id: projectId });
    if (result.error) setFailure(`Impossible de lever le blocage : ${describeError(result.error)}.`);
    else onDone();
  }

  if (blockedReason) {
    return (
      <div className="fr-mb-4w">
        <h3 className="fr-h6">Blocage</h3>
        <p>Projet bloqué : {blockedReason}</p>
        <Button type="button" priority="secondary" disabled={unblocking} onClick={() => void handleUnblock()}>
          Lever le blocage
        </Button>
        <Alert message={failure} />
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void handleBlock(event)} aria-labelledby="block-title" className="fr-mb-4w">
      <h3 id="block-title" className="fr-h6">
        Signaler un blocage
      </h3>
      <Input label="Motif du blocage" textArea nativeTextAreaProps={{ id: 'block-reason', value: reason, onChange: (e) => setReason(e.target.value), rows: 2 }} />
      <Button type="submit" priority="secondary" disabled={blocking}>
        Signaler le blocage
      </Button>
      <Alert message={failure} />
    </form>
  );
}
