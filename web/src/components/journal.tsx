import { useLayoutEffect, useRef } from 'react';
import { formatDateTime } from '../format';
import type { ActivityEntry } from '../project-fiche-query';
import { Alert } from './alert';

interface JournalProps {
  entries: ActivityEntry[];
  liveError: string | null;
}

function actorName(entry: ActivityEntry): string {
  if (!entry.actor) return 'Système';
  return entry.actor.name ?? 'Nom non communiqué';
}

/** The project's journal, oldest first, updated live. */
export function Journal({ entries, liveError }: JournalProps) {
  const listRef = useRef<HTMLOListElement>(null);
  // Follow the newest entry unless the reader scrolled up.
  const followRef = useRef(true);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && followRef.current) list.scrollTop = list.scrollHeight;
  }, [entries.length]);

  function handleScroll() {
    const list = listRef.current;
    if (list) followRef.current = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  }

  return (
    <section className="fr-mb-4w" aria-labelledby="journal-title">
      <h2 id="journal-title">
        Journal <span className="count">({entries.length})</span>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">Aucune activité.</p>
      ) : (
        <ol className="journal" aria-live="polite" ref={listRef} onScroll={handleScroll}>
          {entries.map((entry) => (
            <li key={entry.id} data-testid="journal-entry" data-activity-id={entry.id}>
              <span className="muted">{formatDateTime(entry.at)}</span> <strong>{actorName(entry)}</strong>
              <div>{entry.summary}</div>
            </li>
          ))}
        </ol>
      )}
      <Alert message={liveError} prefix="Suivi en direct interrompu : " />
    </section>
  );
}
