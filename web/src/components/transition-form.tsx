import { useState, type SubmitEvent } from 'react';
import { formatPriority } from '../format';
import { needsReason, PRIORITIES, transitionLabel } from '../transitions';

/** What a step asks for, as the form gives it. */
export interface TransitionValues {
  reason?: string;
  priority?: string;
  theme?: string;
}

interface TransitionFormProps {
  transition: string;
  /** The project's themes, to choose the one followed when assigning. */
  themes: string[];
  pending: boolean;
  onConfirm: (values: TransitionValues) => void;
  onCancel: () => void;
}

/** The inline form of a step that needs more than a click: a motif, a priority or a theme. */
export function TransitionForm({ transition, themes, pending, onConfirm, onCancel }: TransitionFormProps) {
  const [reason, setReason] = useState('');
  const [priority, setPriority] = useState('');
  const [theme, setTheme] = useState(themes[0] ?? '');
  const withReason = needsReason(transition);
  const complete = (!withReason || reason.trim() !== '') && (transition !== 'QUALIFY' || priority !== '');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!complete) return;
    if (withReason) onConfirm({ reason: reason.trim() });
    else if (transition === 'QUALIFY') onConfirm({ priority });
    else onConfirm({ theme });
  }

  return (
    <form className="transition-form" onSubmit={handleSubmit} aria-label={transitionLabel(transition)}>
      <strong>{transitionLabel(transition)}</strong>
      {withReason && (
        <>
          <label className="fr-label" htmlFor="transition-reason">
            Motif
          </label>
          <textarea className="fr-input" id="transition-reason" rows={3} required value={reason} onChange={(e) => setReason(e.target.value)} readOnly={pending} />
        </>
      )}
      {transition === 'QUALIFY' && (
        <>
          <label className="fr-label" htmlFor="transition-priority">
            Priorité
          </label>
          <select className="fr-select" id="transition-priority" required value={priority} onChange={(e) => setPriority(e.target.value)} disabled={pending}>
            <option value="">— Choisir —</option>
            {PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {formatPriority(value)}
              </option>
            ))}
          </select>
        </>
      )}
      {transition === 'ASSIGN' && (
        <>
          <label className="fr-label" htmlFor="transition-theme">
            Thème suivi
          </label>
          <select className="fr-select" id="transition-theme" value={theme} onChange={(e) => setTheme(e.target.value)} disabled={pending}>
            {themes.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="button-row">
        <button type="submit" className="fr-btn" disabled={pending || !complete}>
          Confirmer
        </button>
        <button type="button" className="fr-btn fr-btn--secondary" onClick={onCancel} disabled={pending}>
          Annuler
        </button>
      </div>
    </form>
  );
}
