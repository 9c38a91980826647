import { formatDate, formatStatus } from '../format';
import type { ProjectNode } from '../project-list-query';
import { ficheHash } from '../use-hash-route';

/** A project in the list; the whole row opens its fiche. */
export function ProjectRow({ project }: { project: ProjectNode }) {
  const { territory, owner } = project;
  const href = ficheHash(project.id);
  return (
    <tr data-testid="project-row" className="clickable" onClick={() => (window.location.hash = href)}>
      <td>
        <a href={href}>{project.title}</a>
      </td>
      <td>
        {territory?.name ?? '—'}
        {territory?.departement && <span className="muted"> ({territory.departement.name})</span>}
      </td>
      <td>{owner?.name ?? '—'}</td>
      <td>
        <span className={`status status-${project.status.toLowerCase()}`}>{formatStatus(project.status)}</span>
      </td>
      <td>{formatDate(project.createdAt)}</td>
    </tr>
  );
}
