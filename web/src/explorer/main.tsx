import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DEMO_ACCOUNTS, loadSession, loadSignInMethods, requestDemoToken, saveSession, type Session } from '../auth';
import { examplesPlugin } from './examples-plugin';
import { WELCOME } from './examples';
import { explorerFetcher } from './fetcher';
import { loadSchema } from './schema';
import type { GraphQLSchema } from 'graphql';

/**
 * The explorer at /explorer: GraphiQL, bundled here (nothing from another origin), signed in
 * with the web app's session (the same tab's session storage), with the saved examples.
 */
function Explorer() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [demo, setDemo] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadSignInMethods().then((methods) => setDemo(methods.dev));
  }, []);
  const fetcher = useMemo(() => explorerFetcher(session?.token ?? null), [session]);
  // The schema read for the current session (null: none, GraphiQL introspects); undefined before the first read.
  const [schema, setSchema] = useState<{ token: string | null; schema: GraphQLSchema | null } | undefined>(undefined);
  const token = session?.token ?? null;
  useEffect(() => {
    let current = true;
    void loadSchema(token).then((loaded) => {
      if (current) setSchema({ token, schema: loaded });
    });
    return () => {
      current = false;
    };
  }, [token]);
  const ready = schema !== undefined && schema.token === token;
  const signIn = async (email: string) => {
    try {
      const next = { token: await requestDemoToken(email), email };
      saveSession(next);
      setSession(next);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="explorer">
      <header className="explorer-bar">
        <strong>Explorateur de l'API</strong>
        {session ? (
          <span>Connecté{session.email ? ` : ${session.email}` : ''}</span>
        ) : (
          <span>
            Non connecté : seules les données publiques répondent. <a href="/">Se connecter dans l'application</a>
          </span>
        )}
        {demo && (
          <label>
            Compte de démonstration{' '}
            <select value="" onChange={(event) => void signIn(event.target.value)}>
              <option value="">Choisir…</option>
              {DEMO_ACCOUNTS.map((account) => (
                <option key={account.email} value={account.email}>
                  {account.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <a href="/">Retour à l'application</a>
        {error && <span role="alert">{error}</span>}
      </header>
      <main className="explorer-main" aria-busy={!ready}>
        <GraphiQL
          fetcher={fetcher}
          // null while the documented schema loads (no introspection meanwhile); undefined: GraphiQL introspects.
          schema={ready ? (schema.schema ?? undefined) : null}
          defaultQuery={WELCOME}
          plugins={[examplesPlugin]}
          isHeadersEditorEnabled={false}
          defaultEditorToolsVisibility="variables"
        />
      </main>
    </div>
  );
}

const root = document.getElementById('explorer');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Explorer />
    </StrictMode>,
  );
}
