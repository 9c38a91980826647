import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { formatDate, formatDateTime, territoryNames } from '../format';
import { formatResourceKind, formatResourceStatus } from '../library-labels';
import { safeHref } from '../markdown';
import type { ResourceSheet } from '../resource-operations';
import { useThemes } from '../themes';
import { ContactCard } from './contact-card';
import { FicheField } from './fiche-field';
import { MarkdownText } from './markdown-text';

/** A sheet as read: title, status and version, summary, body (Markdown), provider, contacts, territories, themes, history. */
export function ResourceDetails({ resource }: { resource: ResourceSheet }) {
  const { themeLabel } = useThemes();
  const url = resource.url ? safeHref(resource.url) : null;
  return (
    <article>
      <div className="fiche-title fr-mb-2w">
        <h1 id="resource-title">{resource.title}</h1>
        <Badge severity={resource.live ? 'success' : 'warning'} noIcon data-testid="resource-status">
          {resource.expired ? 'Expirée' : formatResourceStatus(resource.status)}
        </Badge>
      </div>
      <p className="fr-text--lead">{resource.summary}</p>
      <dl className="fiche-fields">
        <FicheField label="Type">{formatResourceKind(resource.kind)}</FicheField>
        <FicheField label="Fournisseur">{resource.provider?.name ?? 'Non renseigné'}</FicheField>
        <FicheField label="Territoires">{resource.national ? 'Toute la France' : territoryNames(resource.territories)}</FicheField>
        <FicheField label="Thèmes">{resource.themes.length > 0 ? resource.themes.map(themeLabel).join(', ') : 'Aucun'}</FicheField>
        <FicheField label="Version">
          {resource.version}, du {formatDateTime(resource.updatedAt)}
        </FicheField>
        {resource.expiresAt && <FicheField label="Proposée jusqu'au">{formatDate(resource.expiresAt)}</FicheField>}
        {resource.owner && <FicheField label="Tenue à jour par">{resource.owner.name}</FicheField>}
      </dl>
      {url && (
        <p>
          <a href={url} target="_blank" rel="noopener noreferrer" className="fr-link">
            En savoir plus sur le site du fournisseur
          </a>
        </p>
      )}
      <h2 className="fr-h4 fr-mt-3w">La fiche</h2>
      <MarkdownText source={resource.body} />
      <h2 className="fr-h4 fr-mt-3w">Contacts</h2>
      {resource.contacts.length === 0 && <p>Aucun contact renseigné.</p>}
      {resource.contacts.map((contact) => (
        <ContactCard key={contact.id} contact={contact} />
      ))}
      <details className="fr-mt-3w">
        <summary>Historique des versions ({resource.versions.length})</summary>
        <ul>
          {resource.versions.map((v) => (
            <li key={v.version}>
              Version {v.version} du {formatDateTime(v.editedAt)} ({formatResourceStatus(v.status)}){v.editedBy?.name ? `, par ${v.editedBy.name}` : ''}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}
