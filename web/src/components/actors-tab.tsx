import { formatDate, organizationName } from '../format';
import type { ProjectFiche } from '../project-fiche-query';
import { useThemes } from '../themes';
import type { Viewer } from '../use-viewer';
import { AssignForm } from './assign-form';
import { AssociateOrganizationForm } from './associate-organization-form';
import { BlockForm } from './block-form';

const ORGANIZATION_KINDS: Record<string, string> = {
  COLLECTIVITE: 'Collectivité',
  PREFECTURE: 'Préfecture',
  SOUS_PREFECTURE: 'Sous-préfecture',
  DDT: 'DDT',
  ANCT: 'ANCT',
  OPERATOR: 'Opérateur',
};

interface ActorsTabProps {
  project: ProjectFiche;
  viewer: Viewer;
  onChanged: () => void;
}

/** "Acteurs": the porteur, the agents the project is assigned to, the associated organisations; for the State, assigning, blocking and associating. */
export function ActorsTab({ project, viewer, onChanged }: ActorsTabProps) {
  const { themeLabel } = useThemes();
  const service = viewer.stateServices.at(0);
  return (
    <>
      <h2>Porteur</h2>
      <p>{organizationName(project.owner)}</p>
      <h2>Agents qui suivent le projet</h2>
      {project.assignees.length === 0 ? (
        <p>Aucun agent n'est encore attribué à ce projet.</p>
      ) : (
        <ul className="items" data-testid="assignees">
          {project.assignees.map((assignee, index) => (
            <li key={assignee.person?.id ?? index} className="item-head">
              <span>
                <strong>{assignee.person?.name ?? 'Agent'}</strong>
                {assignee.person?.organization && <span className="muted"> — {assignee.person.organization.name}</span>}
              </span>
              <span className="muted">
                {assignee.theme ? `Thème suivi : ${themeLabel(assignee.theme)} · ` : ''}depuis le {formatDate(assignee.assignedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="fr-mt-4w">Organisations associées</h2>
      {project.actors === null ? (
        <p>Organisations associées indisponibles pour le moment : réessayez plus tard.</p>
      ) : project.actors.length === 0 ? (
        <p>Aucune organisation associée (experts, opérateurs).</p>
      ) : (
        <ul className="items" data-testid="actors">
          {project.actors.map((actor) => (
            <li key={actor.id}>
              {actor.name} <span className="muted">({ORGANIZATION_KINDS[actor.kind] ?? actor.kind})</span>
            </li>
          ))}
        </ul>
      )}
      {viewer.isStateAgent && (
        <section className="fr-mt-4w fr-p-3w fr-background-alt--blue-france" aria-label="Actions des services de l'État">
          {service && project.viewerCan.transitions.includes('ASSIGN') && <AssignForm projectId={project.id} themes={project.themes} serviceId={service.id} onDone={onChanged} />}
          {project.viewerCan.edit && <BlockForm projectId={project.id} blockedReason={project.blockedReason} onDone={onChanged} />}
          {project.viewerCan.edit && <AssociateOrganizationForm projectId={project.id} onDone={onChanged} />}
        </section>
      )}
    </>
  );
}
