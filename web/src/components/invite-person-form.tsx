import { useEffect, useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQuery } from 'urql';
import { formatRole } from '../administration-labels';
import { INVITE_PERSON_MUTATION } from '../administration-operations';
import { describeError } from '../graphql-errors';
import { ORGANIZATION_SEARCH_QUERY } from '../state-operations';
import { Alert } from './alert';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * "Inviter une personne": name, email and the organisation (searched by name as you type). The
 * role follows the organisation (collectivité: agent de collectivité; DDT, préfecture: agent de
 * l'État; ANCT: national; operator: expert); the API decides it and the answer says which.
 */
export function InvitePersonForm({ onInvited }: { onInvited: () => void }) {
  const [givenName, setGivenName] = useState('');
  const [usualName, setUsualName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: ORGANIZATION_SEARCH_QUERY, variables: { search }, pause: search.length < 2 || organization !== null });
  const [{ fetching: inviting }, invite] = useMutation(INVITE_PERSON_MUTATION);
  const options = search.length >= 2 && !organization ? (data?.organizations.edges.map((edge) => edge.node) ?? []) : [];

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const missing = [
      !givenName.trim() && 'le prénom',
      !usualName.trim() && 'le nom',
      !EMAIL.test(email.trim()) && 'un courriel valide',
      !organization && "l'organisation (choisissez-la dans la liste)",
    ].filter(Boolean);
    if (missing.length > 0 || !organization) {
      setProblem(`Indiquez ${missing.join(', ')}.`);
      return;
    }
    setProblem(null);
    const result = await invite({ input: { givenName: givenName.trim(), usualName: usualName.trim(), email: email.trim(), organizationId: organization.id } });
    if (result.error) {
      const conflict = result.error.graphQLErrors.some((e) => e.extensions.code === 'CONFLICT');
      setProblem(conflict ? `Invitation impossible : ${email.trim()} est déjà membre de ${organization.name}, ou déjà invité.` : `Invitation impossible : ${describeError(result.error)}.`);
      return;
    }
    if (!result.data) return;
    const { role, organization: joined } = result.data.invitePerson;
    setDone(`Invitation enregistrée : ${email.trim()} rejoint ${joined.name} comme ${formatRole(role).toLowerCase()}. La personne se connecte avec ProConnect à cette adresse.`);
    setGivenName('');
    setUsualName('');
    setEmail('');
    setText('');
    setSearch('');
    setOrganization(null);
    onInvited();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-labelledby="invite-title" className="fr-mb-4w" noValidate>
      <h2 id="invite-title">Inviter une personne</h2>
      <div className="filters">
        <Input label="Prénom" nativeInputProps={{ id: 'invite-given-name', value: givenName, autoComplete: 'off', onChange: (e) => setGivenName(e.target.value) }} />
        <Input label="Nom" nativeInputProps={{ id: 'invite-usual-name', value: usualName, autoComplete: 'off', onChange: (e) => setUsualName(e.target.value) }} />
        <Input
          label="Courriel"
          hintText="Son adresse professionnelle, celle de ProConnect."
          nativeInputProps={{ id: 'invite-email', type: 'email', value: email, autoComplete: 'off', onChange: (e) => setEmail(e.target.value) }}
        />
      </div>
      {organization ? (
        <p id="invite-organization-chosen" tabIndex={-1}>
          Organisation : <strong>{organization.name}</strong>{' '}
          <Button type="button" priority="tertiary" size="small" onClick={() => setOrganization(null)}>
            Changer d'organisation
          </Button>
        </p>
      ) : (
        <>
          <Input
            label="Organisation"
            hintText="Tapez au moins deux lettres de son nom, ex. DDT Puy-de-Dôme. Le rôle découle de l'organisation."
            nativeInputProps={{ id: 'invite-organization', type: 'search', value: text, autoComplete: 'off', onChange: (e) => setText(e.target.value) }}
          />
          {fetching && <p className="fr-text--sm">Recherche…</p>}
          <Alert message={error && describeError(error)} prefix="Recherche impossible : " />
          {options.length > 0 && (
            <ul className="suggestions" aria-label={`Organisations pour « ${search} »`}>
              {options.map((option) => (
                <li key={option.id}>
                  <button
                    type="button"
                    onClick={() => {
                      setOrganization(option);
                      // The list goes away: keyboard focus moves to the choice made.
                      requestAnimationFrame(() => document.getElementById('invite-organization-chosen')?.focus());
                    }}
                  >
                    Choisir {option.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {search.length >= 2 && !fetching && !error && options.length === 0 && <p className="fr-text--sm">Aucune organisation ne porte ce nom.</p>}
        </>
      )}
      <Button type="submit" iconId="fr-icon-mail-line" disabled={inviting}>
        {inviting ? 'Invitation…' : 'Inviter'}
      </Button>
      <Alert message={problem} />
      {done && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-my-2w" role="status">
          <p>{done}</p>
        </div>
      )}
    </form>
  );
}
