import { formatDate, organizationName, territoryName } from '../format';
import type { ProjectNode } from '../project-list-query';
import { ficheHash } from '../use-hash-route';
import { StatusBadge } from './status-badge';
import { UnreadBadge } from './unread-badge';

/** A project in the list; its title links to its fiche. */
export function ProjectRow({ project }: { project: ProjectNode }) {
  const { territory, owner } = project;
  return (
    <tr data-testid="project-row">
      <td>
        <a href={ficheHash(project.id)}>{project.title}</a> <UnreadBadge count={project.unreadCount} />
      </td>
      <td>
        {territoryName(territory)}
        {territory?.departement && <span className="muted"> ({territory.departement.name})</span>}
      </td>
      <td>{organizationName(owner)}</td>
      <td>
        <StatusBadge status={project.status} />
      </td>
      <td>{formatDate(project.createdAt)}</td>
    </tr>
  );
}
