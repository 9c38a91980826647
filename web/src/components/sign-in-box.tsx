import { useEffect, useState, type SubmitEvent } from 'react';
import { DEMO_ACCOUNTS, loadSignInMethods, requestDemoToken, type Session, type SignInMethods } from '../auth';
import { Alert } from './alert';

interface SignInBoxProps {
  onSignedIn: (session: Session) => void;
}

export function SignInBox({ onSignedIn }: SignInBoxProps) {
  const [email, setEmail] = useState(DEMO_ACCOUNTS[0].email);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [methods, setMethods] = useState<SignInMethods>({ dev: true, proconnect: false });

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
    <>
      {methods.proconnect && (
        <div className="card sign-in-box">
          <h2>Agents publics</h2>
          <a className="button" href="/auth/proconnect/login">
            S'identifier avec ProConnect
          </a>
        </div>
      )}
      {methods.dev && (
        <form className="card sign-in-box" onSubmit={(event) => void handleSubmit(event)}>
          <h2>Compte de démonstration</h2>
          <label htmlFor="demo-account">Choisissez un compte</label>
          <div className="row">
            <select id="demo-account" value={email} onChange={(e) => setEmail(e.target.value)} disabled={pending}>
              {DEMO_ACCOUNTS.map((account) => (
                <option key={account.email} value={account.email}>
                  {`${account.email} (${account.label})`}
                </option>
              ))}
            </select>
            <button type="submit" disabled={pending}>
              Se connecter
            </button>
          </div>
          <Alert message={error} />
        </form>
      )}
    </>
  );
}
