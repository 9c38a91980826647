/** "N nouveauté(s)": a project's activity the viewer has not read (nothing when there is none, or for callers without read marks). */
export function UnreadBadge({ count }: { count: number | null | undefined }) {
  if (!count) return null;
  return (
    <span className="fr-badge fr-badge--sm fr-badge--new unread" data-testid="unread-badge">
      {count} {count > 1 ? 'nouveautés' : 'nouveauté'}
      <span className="fr-sr-only"> non lue{count > 1 ? 's' : ''}</span>
    </span>
  );
}
