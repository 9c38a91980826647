import { formatDate, formatDay, formatEuros, formatPhase, formatPriority, organizationName, TERRITORIES_UNAVAILABLE } from '../format';
import type { ProjectFiche } from '../project-fiche-query';
import { FicheField } from './fiche-field';
import { useThemes } from '../themes';

function datesOf({ startDate, endDate }: ProjectFiche): string | null {
  if (startDate && endDate) return `du ${formatDay(startDate)} au ${formatDay(endDate)}`;
  if (startDate) return `à partir du ${formatDay(startDate)}`;
  if (endDate) return `jusqu'au ${formatDay(endDate)}`;
  return null;
}

/** "Présentation": the project's description and main fields. */
export function ProjectSummary({ project }: { project: ProjectFiche }) {
  const { themeLabel } = useThemes();
  const main = project.territories?.at(0);
  const others = project.territories?.slice(1) ?? [];
  return (
    <section aria-labelledby="presentation-title">
      <h2 id="presentation-title">Présentation</h2>
      {project.description.trim() && <p className="text">{project.description}</p>}
      <dl className="fiche-fields">
        <FicheField label="Phase">{formatPhase(project.phase)}</FicheField>
        <FicheField label="Territoires concernés">
          {project.territories === null
            ? TERRITORIES_UNAVAILABLE
            : main && (
                <ul className="plain">
                  <li>
                    {main.name} <span className="muted">(principal)</span>
                  </li>
                  {others.map((territory) => (
                    <li key={territory.id}>{territory.name}</li>
                  ))}
                </ul>
              )}
        </FicheField>
        <FicheField label="Porteur">{organizationName(project.owner)}</FicheField>
        <FicheField label="Thèmes">
          {project.themes.length > 0 && (
            <ul className="tags">
              {project.themes.map((theme) => (
                <li key={theme}>{themeLabel(theme)}</li>
              ))}
            </ul>
          )}
        </FicheField>
        <FicheField label="Programmes">{project.programmes.join(', ')}</FicheField>
        <FicheField label="Budget estimé">{project.budgetEuros !== null && formatEuros(project.budgetEuros)}</FicheField>
        <FicheField label="Dates prévues">{datesOf(project)}</FicheField>
        <FicheField label="Priorité">{project.priority && formatPriority(project.priority)}</FicheField>
        <FicheField label="Créé le">{formatDate(project.createdAt)}</FicheField>
      </dl>
    </section>
  );
}
