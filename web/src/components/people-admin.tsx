import { useMemo, useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMutation } from 'urql';
import { ACCOUNT_STATUS_OPTIONS, formatAccountStatus, formatRole } from '../administration-labels';
import { REACTIVATE_PERSON_MUTATION, SUSPEND_PERSON_MUTATION, type AdministeredPerson } from '../administration-operations';
import { describeError } from '../graphql-errors';
import type { FoundOrganization } from '../state-operations';
import { usePeople, type PeopleFilter } from '../use-people';
import { usePersonChanges } from '../use-person-changes';
import { Alert } from './alert';
import { OrganizationSearch } from './organization-search';

const PAGE_SIZE = 50;

/** The DSFR modal confirming a suspension (it names the person chosen). */
const suspendModal = createModal({ id: 'suspendre-compte', isOpenedByDefault: false });

const STATUS_BADGE: Record<string, string> = { ACTIVE: 'fr-badge--success', PENDING: 'fr-badge--info', SUSPENDED: 'fr-badge--error' };

/**
 * "Personnes": every account, searched by name or email, filtered by status and by organisation
 * (`OrganizationSearch`, applied once chosen), suspended (after confirmation) or reactivated. The
 * list follows suspensions, reactivations and invitations through urql's cache (`usePeople`),
 * those made elsewhere included (`usePersonChanges`: another administrator's, live).
 */
export function PeopleAdmin({ viewerId }: { viewerId: string | null }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [organization, setOrganization] = useState<FoundOrganization | null>(null);
  const [filter, setFilter] = useState<PeopleFilter>({});
  // Subscribed once for the section, whatever the filter: the cache updates every list.
  const { liveError } = usePersonChanges();
  const filterOf = (chosen: FoundOrganization | null): PeopleFilter => ({ search: search.trim() || null, status: (status || null) as PeopleFilter['status'], organizationId: chosen?.id ?? null });

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter(filterOf(organization));
  }

  function chooseOrganization(chosen: FoundOrganization | null) {
    setOrganization(chosen);
    setFilter(filterOf(chosen));
    // The field or the choice goes away: keyboard focus moves to what replaces it.
    requestAnimationFrame(() => document.getElementById(chosen ? 'people-organization-chosen' : 'people-organization')?.focus());
  }

  return (
    <section aria-labelledby="people-title" className="fr-mb-4w">
      <h2 id="people-title">Personnes</h2>
      <form className="filters" onSubmit={handleSubmit} aria-label="Rechercher des personnes">
        <Input label="Nom, prénom ou courriel" nativeInputProps={{ id: 'people-search', type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }} />
        <Select label="Statut du compte" nativeSelectProps={{ id: 'people-status', value: status, onChange: (e) => setStatus(e.target.value) }}>
          <option value="">Tous</option>
          {ACCOUNT_STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        {organization ? (
          <p id="people-organization-chosen" tabIndex={-1} className="fr-mb-3w">
            Organisation : <strong>{organization.name}</strong>{' '}
            <Button type="button" priority="tertiary" size="small" onClick={() => chooseOrganization(null)}>
              Toutes les organisations
            </Button>
          </p>
        ) : (
          <OrganizationSearch inputId="people-organization" label="Organisation" hintText="Tapez au moins deux lettres de son nom : la liste se limite à ses membres." onPick={chooseOrganization} />
        )}
        <div className="filters-buttons">
          <Button type="submit" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </div>
      </form>
      <Alert message={liveError} prefix="Mises à jour en direct interrompues (rechargez la page) : " />
      {/* A new filter: a new list, read from its first page. */}
      <PeopleTable key={JSON.stringify(filter)} filter={filter} viewerId={viewerId} />
    </section>
  );
}

function PeopleTable({ filter, viewerId }: { filter: PeopleFilter; viewerId: string | null }) {
  const stableFilter = useMemo(() => filter, [filter]);
  const list = usePeople(stableFilter, PAGE_SIZE);
  const [chosen, setChosen] = useState<AdministeredPerson | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching: suspending }, suspend] = useMutation(SUSPEND_PERSON_MUTATION);
  const [{ fetching: reactivating }, reactivate] = useMutation(REACTIVATE_PERSON_MUTATION);
  const forbidden = list.error?.graphQLErrors.some((e) => e.extensions.code === 'FORBIDDEN') ?? false;

  async function handleSuspend() {
    if (!chosen) return;
    setFailure(null);
    const result = await suspend({ id: chosen.id });
    suspendModal.close();
    if (result.error) setFailure(`Suspension impossible : ${describeError(result.error)}.`);
    else if (result.data) {
      setDone(`Compte de ${chosen.name ?? chosen.email ?? ''} suspendu : ses sessions sont fermées.`);
    }
  }

  async function handleReactivate(person: AdministeredPerson) {
    setFailure(null);
    setDone(null);
    const result = await reactivate({ id: person.id });
    if (result.error) setFailure(`Réactivation impossible : ${describeError(result.error)}.`);
    else if (result.data) {
      setDone(`Compte de ${person.name ?? person.email ?? ''} réactivé.`);
    }
  }

  if (forbidden) return <p className="fr-text--lg">Cette page est réservée aux agents nationaux de l'ANCT.</p>;
  return (
    <>
      {done && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-my-2w" role="status">
          <p>{done}</p>
        </div>
      )}
      <Alert message={failure} />
      {list.people.length > 0 && (
        <div className="fr-table fr-table--no-caption hub-admin-table">
          <table>
            <caption>Comptes</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Organisation et rôle</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {list.people.map((person) => (
                <tr key={person.id} data-testid="person-row">
                  <td>
                    <strong>{person.name}</strong>
                    <br />
                    <span className="muted">{person.email}</span>
                  </td>
                  <td>
                    {person.memberships.map((m) => (
                      <span key={m.organization.id} className="admin-membership">
                        {m.organization.name} — {formatRole(m.role)}
                      </span>
                    ))}
                  </td>
                  <td>
                    <span className={`fr-badge fr-badge--sm ${STATUS_BADGE[person.status] ?? ''}`}>{formatAccountStatus(person.status)}</span>
                  </td>
                  <td>
                    {person.id === viewerId ? (
                      <span className="muted">Votre compte</span>
                    ) : person.status === 'SUSPENDED' ? (
                      <Button
                        type="button"
                        priority="secondary"
                        size="small"
                        disabled={reactivating}
                        onClick={() => void handleReactivate(person)}
                        nativeButtonProps={{ 'aria-label': `Réactiver ${person.name ?? ''}` }}
                      >
                        Réactiver
                      </Button>
                    ) : (
                      <Button
                        type="button"
                        priority="tertiary"
                        size="small"
                        nativeButtonProps={{ ...suspendModal.buttonProps, id: `suspendre-${person.id}`, 'aria-label': `Suspendre ${person.name ?? ''}` }}
                        onClick={() => {
                          setDone(null);
                          setChosen(person);
                        }}
                      >
                        Suspendre
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!list.fetching && !list.error && list.people.length === 0 && <p className="muted">Aucun compte ne correspond : modifiez la recherche, le statut ou l'organisation.</p>}
      {list.fetching && <p aria-live="polite">Chargement…</p>}
      <Alert message={list.error && describeError(list.error)} prefix="Liste impossible : " />
      {list.hasNextPage && (
        <Button type="button" priority="secondary" disabled={list.fetching} onClick={list.loadMore}>
          Voir plus
        </Button>
      )}
      <suspendModal.Component
        title="Suspendre le compte"
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: suspending ? 'Suspension…' : 'Suspendre le compte', doClosesModal: false, disabled: suspending, onClick: () => void handleSuspend() },
        ]}
      >
        <p>
          {chosen?.name} ({chosen?.email}) ne pourra plus se connecter, et ses sessions ouvertes seront fermées. Vous pourrez réactiver son compte à tout moment.
        </p>
      </suspendModal.Component>
    </>
  );
}
