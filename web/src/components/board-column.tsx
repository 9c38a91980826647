import { useState } from 'react';
import type { BoardCard, BoardColumn } from '../board-operations';
import { formatStatus } from '../format';
import { BoardCardView } from './board-card';

interface BoardColumnProps {
  column: BoardColumn;
  statuses: string[];
  /** The card dropped on a column that needs more, and that column. */
  dropped: { cardId: string; to: string } | null;
  busy: boolean;
  onDrop: (cardId: string, to: string) => void;
  onMove: (card: BoardCard, to: string, extra: { priority?: string; reason?: string }) => void;
  onCancelDrop: () => void;
}

/** A status's column: its name, how many projects (and inactive ones), its first cards; a card dragged onto it moves there. */
export function BoardColumnView({ column, statuses, dropped, busy, onDrop, onMove, onCancelDrop }: BoardColumnProps) {
  const [over, setOver] = useState(false);
  const titleId = `board-column-${column.status}`;
  const hidden = column.count - column.projects.length;
  return (
    <section
      className={`board-column${over ? ' board-column--over' : ''}`}
      aria-labelledby={titleId}
      data-status={column.status}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const cardId = event.dataTransfer.getData('text/plain');
        if (cardId) onDrop(cardId, column.status);
      }}
    >
      <h2 className="fr-h6 fr-mb-1w" id={titleId}>
        {formatStatus(column.status)} <span className="count">({column.count})</span>
      </h2>
      {column.inactiveCount > 0 && (
        <p className="fr-text--sm muted">
          dont {column.inactiveCount} inactif{column.inactiveCount > 1 ? 's' : ''}
        </p>
      )}
      {column.projects.length === 0 ? (
        <p className="fr-text--sm muted">Aucun projet.</p>
      ) : (
        <ul className="board-cards">
          {column.projects.map((card) => (
            <BoardCardView key={card.id} card={card} statuses={statuses} droppedOn={dropped?.cardId === card.id ? dropped.to : null} busy={busy} onMove={onMove} onCancelDrop={onCancelDrop} />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p className="fr-text--sm muted">
          et {hidden} autre{hidden > 1 ? 's' : ''} : restreignez le territoire pour les voir
        </p>
      )}
    </section>
  );
}
