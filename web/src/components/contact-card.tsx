import type { ResourceContact } from '../resource-operations';

/** A contact of the contact book: name, role, organisation, e-mail and phone (links). */
export function ContactCard({ contact }: { contact: ResourceContact }) {
  return (
    <div className="contact-card" data-testid="contact-card">
      <p className="fr-mb-0">
        <strong>{contact.name ?? 'Contact'}</strong>
        {contact.role ? ` — ${contact.role}` : ''}
        {contact.organization?.name ? ` (${contact.organization.name})` : ''}
      </p>
      {(contact.email ?? contact.phone) && (
        <p className="fr-text--sm">
          {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
          {contact.email && contact.phone ? ' · ' : ''}
          {contact.phone && <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>}
        </p>
      )}
    </div>
  );
}
