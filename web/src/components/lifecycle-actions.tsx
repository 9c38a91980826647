import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CHANGE_PROJECT_STATUS_MUTATION, type TransitionInput } from '../change-project-status-mutation';
import { describeError } from '../graphql-errors';
import { ME_QUERY } from '../me-query';
import type { ProjectFiche } from '../project-fiche-query';
import { needsReason, transitionLabel } from '../transitions';
import { TransitionForm, type TransitionValues } from './transition-form';

type Transition = TransitionInput['transition'];
import { Alert } from './alert';

interface LifecycleActionsProps {
  project: ProjectFiche;
  /** Reads the fiche again once a step is taken. */
  onDone: () => void;
}

/** Whether a step opens a form first (a motif, a priority, or a theme among several). */
function asksFirst(transition: string, themes: string[]): boolean {
  return needsReason(transition) || transition === 'QUALIFY' || (transition === 'ASSIGN' && themes.length > 1);
}

/** One button per lifecycle step the viewer may take now (`viewerCan.transitions`). */
export function LifecycleActions({ project, onDone }: LifecycleActionsProps) {
  const { transitions } = project.viewerCan;
  const [open, setOpen] = useState<Transition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, changeStatus] = useMutation(CHANGE_PROJECT_STATUS_MUTATION);
  // Assigning oneself needs one's own id.
  const [me] = useQuery({ query: ME_QUERY, variables: {}, pause: !transitions.includes('ASSIGN') });
  const myId = me.data?.me.id;

  async function run(transition: Transition, values: TransitionValues = {}) {
    setError(null);
    const input: TransitionInput = { projectId: project.id, transition };
    if (values.reason) input.reason = values.reason;
    if (values.priority) input.priority = values.priority as TransitionInput['priority'];
    if (transition === 'ASSIGN') {
      if (!myId) {
        setError(`Action impossible : ${me.error ? describeError(me.error) : 'identité en cours de chargement, réessayez'}`);
        return;
      }
      input.assignees = [{ personId: myId, theme: values.theme ?? project.themes.at(0) ?? null }];
    }
    const result = await changeStatus({ input });
    if (result.error) {
      setError(`Action impossible : ${describeError(result.error)}`);
      return;
    }
    setOpen(null);
    onDone();
  }

  function handleClick(transition: Transition) {
    setError(null);
    if (asksFirst(transition, project.themes)) setOpen(transition);
    else void run(transition);
  }

  if (transitions.length === 0) return null;
  return (
    <div className="lifecycle-actions">
      <div className="button-row" role="group" aria-label="Étapes du projet">
        {transitions.map((transition) => (
          <button
            key={transition}
            type="button"
            className={open === transition ? 'fr-btn' : 'fr-btn fr-btn--secondary'}
            aria-expanded={asksFirst(transition, project.themes) ? open === transition : undefined}
            disabled={fetching || (transition === 'ASSIGN' && !myId)}
            onClick={() => handleClick(transition)}
          >
            {transitionLabel(transition)}
          </button>
        ))}
      </div>
      {open && transitions.includes(open) && (
        <TransitionForm key={open} transition={open} themes={project.themes} pending={fetching} onConfirm={(values) => void run(open, values)} onCancel={() => setOpen(null)} />
      )}
      {fetching && <p className="muted">Action en cours…</p>}
      <Alert message={error} />
    </div>
  );
}
