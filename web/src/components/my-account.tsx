import { useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useMutation, useQuery } from 'urql';
import { MY_ACCOUNT_QUERY, SET_MY_THEMES_MUTATION, type MyAccount as Account } from '../account-operations';
import { formatAccountStatus, formatOrganizationKind, formatRole } from '../administration-labels';
import { formatDate } from '../format';
import { describeError } from '../graphql-errors';
import { useThemes } from '../themes';
import { Alert } from './alert';
import { NotificationPreferences } from './notification-preferences';

/**
 * "Mon compte" (`#/mon-compte`, the header's "Mon compte"): identity, organisations and roles,
 * the themes followed (a State agent edits them: `setMyThemes`) and the e-mail notifications
 * (the form of "Mes préférences de notification").
 */
export function MyAccount() {
  const [{ data, fetching, error }] = useQuery({ query: MY_ACCOUNT_QUERY, requestPolicy: 'cache-and-network' });
  const me = data?.me;
  return (
    <div className="hub-account">
      <h1>Mon compte</h1>
      {fetching && !me && <p aria-live="polite">Chargement…</p>}
      <Alert message={error && describeError(error)} prefix="Compte indisponible : " />
      {me && (
        <>
          <Identity me={me} />
          <FollowedThemes me={me} />
          <NotificationPreferences embedded />
        </>
      )}
    </div>
  );
}

function Identity({ me }: { me: Account }) {
  return (
    <section aria-labelledby="account-identity-title" className="fr-mb-4w">
      <h2 id="account-identity-title">Identité</h2>
      <dl className="hub-account-identity">
        <dt>Nom</dt>
        <dd>{me.name ?? ([me.givenName, me.usualName].filter(Boolean).join(' ') || '—')}</dd>
        <dt>Courriel</dt>
        <dd>{me.email ?? '—'}</dd>
        <dt>Statut du compte</dt>
        <dd>{formatAccountStatus(me.status)}</dd>
      </dl>
      <p className="fr-text--sm muted">Votre nom et votre courriel viennent de ProConnect : modifiez-les auprès de votre fournisseur d'identité.</p>
      <h2 id="account-organizations-title">Organisation et rôle</h2>
      {me.memberships.length === 0 ? (
        <p>Vous n'êtes membre d'aucune organisation.</p>
      ) : (
        <ul aria-labelledby="account-organizations-title">
          {me.memberships.map((membership) => (
            <li key={membership.organization.id}>
              <strong>{membership.organization.name}</strong> ({formatOrganizationKind(membership.organization.kind)}
              {membership.organization.territory ? `, ${membership.organization.territory.name}` : ''}) — {formatRole(membership.role)}, depuis le {formatDate(membership.createdAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The themes followed: read only, or for a State agent checkboxes saved by "Enregistrer mes thématiques". */
function FollowedThemes({ me }: { me: Account }) {
  const { themes, themeLabel } = useThemes();
  const isStateAgent = me.memberships.some((m) => m.role === 'STATE_AGENT');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [{ fetching: saving }, save] = useMutation(SET_MY_THEMES_MUTATION);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const selected = chosen ?? me.themes;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    setFailure(null);
    const result = await save({ themes: selected });
    if (result.error) setFailure(`Enregistrement impossible : ${describeError(result.error)}.`);
    else if (result.data) {
      const followed = result.data.setMyThemes.themes;
      setChosen(null);
      setSaved(followed.length === 0 ? 'Thématiques enregistrées : vous ne suivez aucune thématique.' : `Thématiques enregistrées : ${followed.map(themeLabel).join(', ')}.`);
    }
  }

  if (!isStateAgent) {
    return (
      <section aria-labelledby="account-themes-title" className="fr-mb-4w">
        <h2 id="account-themes-title">Thématiques suivies</h2>
        <p>
          {me.themes.length > 0
            ? me.themes.map(themeLabel).join(', ')
            : 'Le suivi par thématique concerne les agents de l\u2019État (DDT, préfecture) : les projets leur sont attribués selon les thématiques qu\u2019ils suivent.'}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="account-themes-title" className="fr-mb-4w">
      <h2 id="account-themes-title">Thématiques suivies</h2>
      <form onSubmit={(event) => void handleSubmit(event)} aria-labelledby="account-themes-title">
        <Checkbox
          legend="Les thématiques que vous suivez"
          hintText="Un projet de ces thématiques vous est proposé en premier quand il est attribué à un agent de votre service."
          options={themes.map(({ slug, label }) => ({
            label,
            nativeInputProps: {
              name: 'followed-themes',
              value: slug,
              checked: selected.includes(slug),
              onChange: (event) => {
                setSaved(null);
                setChosen(event.target.checked ? [...selected, slug] : selected.filter((theme) => theme !== slug));
              },
            },
          }))}
        />
        <Button type="submit" disabled={saving || themes.length === 0}>
          {saving ? 'Enregistrement…' : 'Enregistrer mes thématiques'}
        </Button>
        {saved && (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mt-2w" role="status">
            <p>{saved}</p>
          </div>
        )}
        <Alert message={failure} />
      </form>
    </section>
  );
}
