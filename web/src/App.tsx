import { useMemo, useState } from 'react';
import { Provider } from 'urql';
import { clearSession, loadSession, saveSession, takeTokenFromFragment, type Session } from './auth';
import { createGraphqlClient } from './graphql-client';
import { ProjectList } from './components/project-list';
import { SessionBar } from './components/session-bar';
import { SignInBox } from './components/sign-in-box';
import { SiteHeader } from './components/site-header';

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const fromProConnect = takeTokenFromFragment();
    if (fromProConnect) saveSession(fromProConnect);
    return fromProConnect ?? loadSession();
  });
  const client = useMemo(() => (session ? createGraphqlClient(session.token) : null), [session]);

  function handleSignedIn(next: Session) {
    saveSession(next);
    setSession(next);
  }

  function handleSignOut() {
    clearSession();
    setSession(null);
  }

  return (
    <>
      <SiteHeader />
      <main className="content">
        {session && client ? (
          <>
            <SessionBar email={session.email} onSignOut={handleSignOut} />
            <Provider value={client}>
              <ProjectList />
            </Provider>
          </>
        ) : (
          <SignInBox onSignedIn={handleSignedIn} />
        )}
      </main>
    </>
  );
}
