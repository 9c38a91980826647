import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from 'urql';
import { describeError, isConflict } from '../graphql-errors';
import { formatResourceStatus } from '../library-labels';
import { SET_RESOURCE_STATUS_MUTATION, type ResourceSheet } from '../resource-operations';
import { Alert } from './alert';
import { ConflictAlert } from './conflict-alert';

type Status = 'PUBLISHED' | 'ARCHIVED';

const STEPS: { status: Status; label: string }[] = [
  { status: 'PUBLISHED', label: 'Publier' },
  { status: 'ARCHIVED', label: 'Archiver' },
];

/** "Publier" / "Archiver" a sheet, sent with the version read: a conflict (edited meanwhile) is explained. */
export function ResourceStatusActions({ resource, onChanged }: { resource: ResourceSheet; onChanged: () => void }) {
  const [{ fetching }, setStatus] = useMutation(SET_RESOURCE_STATUS_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function change(status: Status) {
    setError(null);
    setDone(null);
    const result = await setStatus({ id: resource.id, version: resource.version, status });
    if (result.error && isConflict(result.error)) setConflict(true);
    else if (result.error) setError(`Changement de statut impossible : ${describeError(result.error)}.`);
    else {
      setDone(`Fiche ${formatResourceStatus(status).toLowerCase()}.`);
      onChanged();
    }
  }

  return (
    <div className="fr-mt-2w">
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setConflict(false);
            onChanged();
          }}
        />
      )}
      <div className="button-row">
        {STEPS.filter((step) => step.status !== resource.status).map((step) => (
          <Button key={step.status} type="button" priority="secondary" disabled={fetching || conflict} onClick={() => void change(step.status)}>
            {step.label}
          </Button>
        ))}
      </div>
      <p role="status" className="fr-text--sm">
        {done}
      </p>
      <Alert message={error} />
    </div>
  );
}
