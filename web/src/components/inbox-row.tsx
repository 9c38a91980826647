import { formatDate, formatPriority, formatStatus, territoryName } from '../format';
import type { InboxNode } from '../inbox-query';
import { ficheHash } from '../use-hash-route';
import { UnreadBadge } from './unread-badge';

/** A project to handle; the whole row opens its fiche. */
export function InboxRow({ project }: { project: InboxNode }) {
  const href = ficheHash(project.id);
  return (
    <tr data-testid="inbox-row" className="clickable" onClick={() => (window.location.hash = href)}>
      <td>
        <a href={href}>{project.title}</a> <UnreadBadge count={project.unreadCount} />
      </td>
      <td>{territoryName(project.territory)}</td>
      <td>{formatDate(project.submittedAt ?? project.createdAt)}</td>
      <td>
        <span className={`status status-${project.status.toLowerCase()}`}>{formatStatus(project.status)}</span>
      </td>
      <td>{project.priority ? <span className={`priority priority-${project.priority.toLowerCase()}`}>{formatPriority(project.priority)}</span> : <span className="muted">À qualifier</span>}</td>
    </tr>
  );
}
