import { useId, useState, type SubmitEvent } from 'react';
import type { BoardCard } from '../board-operations';
import { moveNeeds } from '../board-moves';
import { formatDateTime, formatPriority, formatStatus, territoryName } from '../format';
import { PRIORITIES } from '../transitions';
import { ficheHash } from '../use-hash-route';

interface BoardCardProps {
  card: BoardCard;
  /** Every column's status, in the board's order. */
  statuses: string[];
  /** A column the card was dropped on that needs more (a priority, a motif): the form shows it chosen. */
  droppedOn: string | null;
  busy: boolean;
  onMove: (card: BoardCard, to: string, extra: { priority?: string; reason?: string }) => void;
  onCancelDrop: () => void;
}

/**
 * A project on the board: title (to its fiche), commune, priority, last activity, and "Déplacer
 * vers…", the keyboard's way to move it (dragging is the mouse's): the column, then what the step
 * asks (a priority to qualify, a motif to decline or abandon), then "Déplacer".
 */
export function BoardCardView({ card, statuses, droppedOn, busy, onMove, onCancelDrop }: BoardCardProps) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [priority, setPriority] = useState('');
  const [reason, setReason] = useState('');
  // A drop that needs more (a priority, a motif) chooses the column here (while rendering, as React advises for state that follows a prop); the rest is asked below.
  const [seenDrop, setSeenDrop] = useState<string | null>(null);
  if (droppedOn !== seenDrop) {
    setSeenDrop(droppedOn);
    if (droppedOn) setChosen(droppedOn);
  }
  const to = chosen;
  const need = to ? moveNeeds(to) : null;
  const ready = to !== '' && (need !== 'priority' || priority !== '') && (need !== 'reason' || reason.trim() !== '');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    onMove(card, to, need === 'priority' ? { priority } : need === 'reason' ? { reason: reason.trim() } : {});
    reset();
  }

  function reset() {
    setChosen('');
    setPriority('');
    setReason('');
    onCancelDrop();
  }

  return (
    <li
      className="board-card"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', card.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      aria-labelledby={`${id}-title`}
    >
      <h3 className="fr-text--md fr-mb-1v" id={`${id}-title`}>
        <a href={ficheHash(card.id)}>{card.title}</a>
      </h3>
      <p className="fr-text--sm fr-mb-1v">{territoryName(card.territory)}</p>
      <p className="fr-text--sm fr-mb-1v">Priorité : {card.priority ? formatPriority(card.priority) : 'à qualifier'}</p>
      <p className="fr-text--sm fr-mb-1v">Dernière activité : {formatDateTime(card.updatedAt)}</p>
      {card.blockedReason && <p className="fr-badge fr-badge--sm fr-badge--warning fr-mb-1v">Bloqué</p>}
      {card.inactive && <p className="fr-badge fr-badge--sm fr-badge--no-icon fr-mb-1v">Inactif{card.inactive.reason ? ` : ${card.inactive.reason}` : ''}</p>}
      <form className="board-move" onSubmit={handleSubmit} aria-label={`Déplacer « ${card.title} »`}>
        <div className="fr-select-group fr-mb-1w">
          <label className="fr-label" htmlFor={`${id}-to`}>
            Déplacer vers…
          </label>
          <select className="fr-select" id={`${id}-to`} value={to} disabled={busy} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choisir une colonne</option>
            {statuses
              .filter((status) => status !== card.status)
              .map((status) => (
                <option key={status} value={status}>
                  {formatStatus(status)}
                </option>
              ))}
          </select>
        </div>
        {need === 'priority' && (
          <div className="fr-select-group fr-mb-1w">
            <label className="fr-label" htmlFor={`${id}-priority`}>
              Priorité
            </label>
            <select className="fr-select" id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value)}>
              <option value="">Choisir une priorité</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {formatPriority(p)}
                </option>
              ))}
            </select>
          </div>
        )}
        {need === 'reason' && (
          <div className="fr-input-group fr-mb-1w">
            <label className="fr-label" htmlFor={`${id}-reason`}>
              Motif
            </label>
            <input className="fr-input" id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="fr-btn fr-btn--sm" disabled={!ready || busy}>
            Déplacer
          </button>
          {to !== '' && (
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={reset}>
              Annuler
            </button>
          )}
        </div>
      </form>
    </li>
  );
}
