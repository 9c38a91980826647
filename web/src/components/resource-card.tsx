import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { territoryNames } from '../format';
import { formatResourceKind, formatResourceStatus } from '../library-labels';
import type { ResourceEdge } from '../resource-operations';
import { useThemes } from '../themes';
import { resourceHash } from '../use-hash-route';

/** A sheet in the library's list: title (a link to the sheet), kind, provider, where it applies, summary. */
export function ResourceCard({ resource }: { resource: ResourceEdge['node'] }) {
  const { themeLabel } = useThemes();
  return (
    <article className="resource-card fr-mb-3w" data-testid="resource-card">
      <h2 className="fr-h5 fr-mb-1w">
        <a href={resourceHash(resource.id)}>{resource.title}</a>
      </h2>
      <p className="fr-mb-1w">
        <Badge small severity="info" noIcon>
          {formatResourceKind(resource.kind)}
        </Badge>{' '}
        {resource.status !== 'PUBLISHED' && (
          <Badge small severity="warning" noIcon>
            {formatResourceStatus(resource.status)}
          </Badge>
        )}{' '}
        <span className="muted">
          {resource.provider?.name ? `${resource.provider.name} · ` : ''}
          {resource.national ? 'Toute la France' : territoryNames(resource.territories)}
        </span>
      </p>
      <p className="fr-mb-1w">{resource.summary}</p>
      {resource.themes.length > 0 && <p className="fr-text--sm muted">Thèmes : {resource.themes.map(themeLabel).join(', ')}</p>}
    </article>
  );
}
