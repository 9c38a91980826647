import { useState } from 'react';
import type { InboxFilter } from '../inbox-query';
import { useInbox } from '../use-inbox';
import { InboxFilters } from './inbox-filters';
import { InboxRow } from './inbox-row';
import { Alert } from './alert';

const PAGE_SIZE = 50;

/** "Projets à traiter" (`#/a-traiter`): the State's inbox, read again when a status changes. */
export function Inbox() {
  const [filter, setFilter] = useState<InboxFilter>({});
  const { rows, hasMore, unreadProjects, fetching, error, forbidden, liveError } = useInbox(PAGE_SIZE, filter);

  if (forbidden) return <p className="fr-text--lg">Cette vue est réservée aux agents de l'État.</p>;
  return (
    <section className="fr-mb-4w" aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        Projets à traiter <span className="count">({rows.length})</span>
      </h1>
      <p className="muted">Projets déposés et qualifiés de vos départements, par priorité puis du plus ancien au plus récent.</p>
      {unreadProjects !== null && (
        <p data-testid="inbox-unread" aria-live="polite">
          {unreadProjects === 0
            ? 'Vous avez pris connaissance de toute l’activité de vos projets à traiter.'
            : `${unreadProjects} projet${unreadProjects > 1 ? 's ont' : ' a'} de l’activité que vous n’avez pas encore lue.`}
        </p>
      )}
      <InboxFilters onApply={setFilter} />
      {rows.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table className="project-table">
            <thead>
              <tr>
                <th>Titre</th>
                <th>Territoire</th>
                <th>Déposé le</th>
                <th>Statut</th>
                <th>Priorité</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <InboxRow key={row.id} project={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!fetching && !error && rows.length === 0 && <p className="muted">Aucun projet à traiter.</p>}
      {hasMore && <p className="muted">Seuls les {PAGE_SIZE} premiers projets sont affichés : affinez les filtres.</p>}
      {fetching && rows.length === 0 && <p aria-live="polite">Chargement…</p>}
      <Alert message={error} prefix="Erreur : " />
      <Alert message={liveError} prefix="Suivi en direct interrompu : " />
    </section>
  );
}
