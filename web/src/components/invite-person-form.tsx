import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation } from 'urql';
import { formatRole } from '../administration-labels';
import { INVITE_PERSON_MUTATION } from '../administration-operations';
import { describeError } from '../graphql-errors';
import { Alert } from './alert';
import { OrganizationSearch } from './organization-search';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * "Inviter une personne": name, email and the organisation (`OrganizationSearch`). The
 * role follows the organisation (collectivité: agent de collectivité; DDT, préfecture: agent de
 * l'État; ANCT: national; operator: expert); the API decides it and the answer says which.
 */
export function InvitePersonForm() {
  const [givenName, setGivenName] = useState('');
  const [usualName, setUsualName] = useState('');
  const [email, setEmail] = useState('');
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching: inviting }, invite] = useMutation(INVITE_PERSON_MUTATION);

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
    setOrganization(null);
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
        <OrganizationSearch
          inputId="invite-organization"
          label="Organisation"
          hintText="Tapez au moins deux lettres de son nom, ex. DDT Puy-de-Dôme. Le rôle découle de l'organisation."
          onPick={(picked) => {
            setOrganization(picked);
            // The field goes away: keyboard focus moves to the choice made.
            requestAnimationFrame(() => document.getElementById('invite-organization-chosen')?.focus());
          }}
        />
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
