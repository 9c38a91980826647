import { formatDate, formatStatus } from '../format';
import type { ProjectNode } from '../project-list-query';

export function ProjectRow({ project }: { project: ProjectNode }) {
  const { territory, owner } = project;
  return (
    <tr data-testid="project-row">
      <td>{project.title}</td>
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
