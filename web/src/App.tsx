import { useState } from 'react';
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

/** A session and its GraphQL client. */
interface SignedIn {
  session: Session;
  graphql: GraphqlSession;
}

/**
 * One client per session, made with it: its WebSocket opens with the first subscription only
 * (a client made and dropped costs nothing) and is closed when the session ends.
 */
function signedIn(session: Session | null): SignedIn | null {
  return session ? { session, graphql: createGraphqlClient(session.token) } : null;
}

export function App() {
  const [current, setCurrent] = useState<SignedIn | null>(() => {
    const fromProConnect = takeTokenFromFragment();
    if (fromProConnect) saveSession(fromProConnect);
    return signedIn(fromProConnect ?? loadSession());
  });
  const route = useHashRoute();

  function handleSignedIn(next: Session) {
    saveSession(next);
    current?.graphql.dispose();
    setCurrent(signedIn(next));
  }

  function handleSignOut() {
    clearSession();
    current?.graphql.dispose();
    setCurrent(null);
  }

  return (
    <>
      <SiteHeader />
      <main className="content">
        {current ? (
          <>
            <SessionBar email={current.session.email} onSignOut={handleSignOut} />
            <Provider value={current.graphql.client}>
              <SessionTokenContext value={current.session.token}>
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
          </>
        ) : (
          <SignInBox onSignedIn={handleSignedIn} />
        )}
      </main>
    </>
  );
}
