import { useInboxAccess } from '../use-inbox-access';
import { INBOX_HASH, LIST_HASH } from '../use-hash-route';

/** "Tous les projets" and, for State agents, "Projets à traiter". Nothing for others. */
export function MainNav({ current }: { current: 'list' | 'inbox' }) {
  const hasInbox = useInboxAccess();
  if (!hasInbox) return null;
  return (
    <nav className="tabs" aria-label="Vues">
      <a href={LIST_HASH} aria-current={current === 'list' ? 'page' : undefined}>
        Tous les projets
      </a>
      <a href={INBOX_HASH} aria-current={current === 'inbox' ? 'page' : undefined}>
        Projets à traiter
      </a>
    </nav>
  );
}
