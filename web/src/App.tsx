import { lazy, Suspense, useState } from 'react';
import { Provider } from 'urql';
import { clearSession, loadSession, saveSession, takeTokenFromFragment, type Session } from './auth';
import { createGraphqlClient, type GraphqlSession } from './graphql-client';
import { SessionTokenContext } from './session-token-context';
import { useHashRoute, type Route } from './use-hash-route';
import { useViewer } from './use-viewer';
import { Administration } from './components/administration';
import { Dashboard } from './components/dashboard';
import { Inbox } from './components/inbox';
import { MyAccount } from './components/my-account';
import { NewProject } from './components/new-project';
import { NotificationPreferences } from './components/notification-preferences';
import { ProjectBoard } from './components/project-board';
import { ProjectFiche } from './components/project-fiche';
import { ProjectList } from './components/project-list';
import { ResourceForm } from './components/resource-form';
import { ResourceLibrary } from './components/resource-library';
import { ResourceSheetPage } from './components/resource-sheet-page';
import { SignInBox } from './components/sign-in-box';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';

// The map's shapes (about 120 kB) load with its page only.
const ProjectMapPage = lazy(() => import('./components/project-map-page').then((m) => ({ default: m.ProjectMapPage })));

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

  if (!current) {
    return (
      <>
        <SiteHeader session={null} route={route} hasInbox={false} canCreate={false} hasDashboard={false} />
        <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
          <SignInBox onSignedIn={handleSignedIn} />
        </main>
        <SiteFooter />
      </>
    );
  }
  return (
    <Provider value={current.graphql.client}>
      <SessionTokenContext value={current.session.token}>
        <SignedInPages email={current.session.email} route={route} onSignOut={handleSignOut} />
      </SessionTokenContext>
    </Provider>
  );
}

/** The pages of a signed-in viewer, what they may do read from `me` once. */
function SignedInPages({ email, route, onSignOut }: { email: string; route: Route; onSignOut: () => void }) {
  const viewer = useViewer();
  return (
    <>
      <SiteHeader
        session={{ email, onSignOut }}
        route={route}
        hasInbox={viewer.isStateAgent}
        canCreate={viewer.isCollectivite}
        hasDashboard={viewer.isNational}
        hasAdministration={viewer.isAdministrator}
        hasBoard={viewer.isStateAgent || viewer.isAdministrator}
      />
      <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
        {route.name === 'fiche' && <ProjectFiche key={route.projectId} projectId={route.projectId} viewer={viewer} />}
        {route.name === 'inbox' && <Inbox />}
        {route.name === 'new' && <NewProject viewer={viewer} />}
        {route.name === 'dashboard' && <Dashboard />}
        {route.name === 'admin' && <Administration viewer={viewer} />}
        {route.name === 'preferences' && <NotificationPreferences />}
        {route.name === 'account' && <MyAccount />}
        {route.name === 'board' &&
          (viewer.isStateAgent || viewer.isAdministrator ? <ProjectBoard viewer={viewer} /> : <p className="fr-text--lg">Cette vue est réservée aux agents de l'État et de l'ANCT.</p>)}
        {route.name === 'map' &&
          (viewer.isStateAgent || viewer.isAdministrator ? (
            <Suspense fallback={<p aria-live="polite">Chargement…</p>}>
              <ProjectMapPage />
            </Suspense>
          ) : (
            <p className="fr-text--lg">Cette vue est réservée aux agents de l'État et de l'ANCT.</p>
          ))}
        {route.name === 'library' && <ResourceLibrary viewer={viewer} />}
        {route.name === 'new-resource' && <ResourceForm />}
        {route.name === 'resource' && <ResourceSheetPage key={route.resourceId} resourceId={route.resourceId} viewer={viewer} />}
        {route.name === 'list' && <ProjectList key={JSON.stringify(route.filter)} viewer={viewer} initial={route.filter} />}
      </main>
      <SiteFooter />
    </>
  );
}
