import { useEffect, useState } from 'react';
import { Provider } from 'urql';
import { clearSession, loadSession, saveSession, takeTokenFromFragment, type Session } from './auth';
import { createGraphqlClient, type GraphqlSession } from './graphql-client';
import { SessionTokenContext } from './session-token-context';
import { useHashRoute } from './use-hash-route';
import { Inbox } from './components/inbox';
import { MainNav } from './components/main-nav';
import { ProjectFiche } from './components/project-fiche';
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
  const [graphql, setGraphql] = useState<GraphqlSession | null>(null);
  const route = useHashRoute();

  // One client per session; its WebSocket is closed when the session ends.
  useEffect(() => {
    if (!session) return;
    const created = createGraphqlClient(session.token);
    setGraphql(created);
    return () => {
      created.dispose();
      setGraphql(null);
    };
  }, [session]);

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
        {session ? (
          <>
            <SessionBar email={session.email} onSignOut={handleSignOut} />
            {graphql && (
              <Provider value={graphql.client}>
                <SessionTokenContext value={session.token}>
                  {route.name === 'fiche' ? (
                    <ProjectFiche key={route.projectId} projectId={route.projectId} />
                  ) : (
                    <>
                      <MainNav current={route.name} />
                      {route.name === 'inbox' ? <Inbox /> : <ProjectList />}
                    </>
                  )}
                </SessionTokenContext>
              </Provider>
            )}
          </>
        ) : (
          <SignInBox onSignedIn={handleSignedIn} />
        )}
      </main>
    </>
  );
}
