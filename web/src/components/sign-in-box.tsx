import { useEffect, useState, type SubmitEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { DEMO_ACCOUNTS, loadSignInMethods, requestDemoToken, type Session, type SignInMethods } from '../auth';
import { Alert } from './alert';

interface SignInBoxProps {
  onSignedIn: (session: Session) => void;
}

/** "S'identifier avec ProConnect" (the official button) when configured, and the demo accounts in development. */
export function SignInBox({ onSignedIn }: SignInBoxProps) {
  const [email, setEmail] = useState(DEMO_ACCOUNTS[0].email);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [methods, setMethods] = useState<SignInMethods | null>(null);

  useEffect(() => {
    void loadSignInMethods().then(setMethods);
  }, []);

  // Never rejects: a failed sign-in is shown in the form.
  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      onSignedIn({ email, token: await requestDemoToken(email) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPending(false);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Mon espace collectivité</h1>
        {methods === null && <p className="fr-text--sm">Chargement des moyens de connexion…</p>}
        {methods?.proconnect && (
          <section className="fr-mb-4w" aria-labelledby="proconnect-title">
            <h2 id="proconnect-title" className="fr-h5">
              Agents publics
            </h2>
            <ProConnectButton url="/auth/proconnect/login" />
          </section>
        )}
        {methods?.dev && (
          <form className="fr-p-3w fr-background-alt--grey" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="demo-title">
            <h2 id="demo-title" className="fr-h5">
              Compte de démonstration
            </h2>
            <p className="fr-text--sm">Disponible en développement seulement : choisissez une personne des données de démonstration.</p>
            <Select label="Choisissez un compte" nativeSelectProps={{ id: 'demo-account', value: email, onChange: (e) => setEmail(e.target.value), disabled: pending }}>
              {DEMO_ACCOUNTS.map((account) => (
                <option key={account.email} value={account.email}>
                  {`${account.email} (${account.label})`}
                </option>
              ))}
            </Select>
            <Button type="submit" disabled={pending}>
              Se connecter
            </Button>
            <Alert message={error} />
          </form>
        )}
        {methods && !methods.dev && !methods.proconnect && <Alert message="Aucun moyen de connexion n'est configuré sur ce serveur : prévenez son administrateur." />}
      </div>
    </div>
  );
}
