import { Header } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { ACCOUNT_HASH, ADMIN_HASH, BOARD_HASH, DASHBOARD_HASH, INBOX_HASH, LIBRARY_HASH, LIST_HASH, MAP_HASH, NEW_PROJECT_HASH, PREFERENCES_HASH, type Route } from '../use-hash-route';

interface SiteHeaderProps {
  /** Null before sign-in: no navigation, no session. */
  session: { email: string; onSignOut: () => void } | null;
  route: Route;
  /** Whether the viewer has the State's inbox. */
  hasInbox: boolean;
  /** Whether the viewer may create projects (agents of a collectivité). */
  canCreate: boolean;
  /** Whether the viewer has the dashboard (ANCT, analysts). */
  hasDashboard: boolean;
  /** Whether the viewer has the administration (ANCT national agents). */
  hasAdministration?: boolean;
  /** Whether the viewer has the board of a territory's projects and the map of projects (State agents, ANCT national agents). */
  hasBoard?: boolean;
}

const SERVICE_TITLE = 'Mon espace collectivité';

/** The DSFR header: Marianne, the service's name, the session's quick access and the main navigation. */
export function SiteHeader({ session, route, hasInbox, canCreate, hasDashboard, hasAdministration = false, hasBoard = false }: SiteHeaderProps) {
  const navigation: MainNavigationProps.Item[] = [];
  if (session) {
    navigation.push({ text: canCreate ? 'Mes projets' : 'Tous les projets', linkProps: { href: LIST_HASH }, isActive: route.name === 'list' });
    if (hasInbox) navigation.push({ text: 'Projets à traiter', linkProps: { href: INBOX_HASH }, isActive: route.name === 'inbox' });
    if (hasDashboard) navigation.push({ text: 'Tableau de bord', linkProps: { href: DASHBOARD_HASH }, isActive: route.name === 'dashboard' });
    // After the dashboard: tests and people find "Tableau de bord" first, the board's name starts the same.
    if (hasBoard) navigation.push({ text: 'Tableau de bord des projets', linkProps: { href: BOARD_HASH }, isActive: route.name === 'board' });
    if (hasBoard) navigation.push({ text: 'Carte des projets', linkProps: { href: MAP_HASH }, isActive: route.name === 'map' });
    navigation.push({ text: 'Ressources', linkProps: { href: LIBRARY_HASH }, isActive: route.name === 'library' || route.name === 'resource' || route.name === 'new-resource' });
    if (canCreate) navigation.push({ text: 'Nouveau projet', linkProps: { href: NEW_PROJECT_HASH }, isActive: route.name === 'new' });
    if (hasAdministration) navigation.push({ text: 'Administration', linkProps: { href: ADMIN_HASH }, isActive: route.name === 'admin' });
  }
  return (
    <Header
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: LIST_HASH, title: `Accueil — ${SERVICE_TITLE}` }}
      serviceTitle={SERVICE_TITLE}
      serviceTagline="Les projets des territoires, de l'idée au financement"
      quickAccessItems={
        session
          ? [
              { iconId: 'fr-icon-account-circle-line', text: session.email ? `Connecté·e : ${session.email}` : 'Connecté·e avec ProConnect', linkProps: { href: ACCOUNT_HASH, title: 'Mon compte' } },
              { iconId: 'fr-icon-user-setting-line', text: 'Mon compte', linkProps: { href: ACCOUNT_HASH, 'aria-current': route.name === 'account' ? 'page' : undefined } },
              { iconId: 'fr-icon-notification-3-line', text: 'Mes préférences de notification', linkProps: { href: PREFERENCES_HASH } },
              { iconId: 'fr-icon-logout-box-r-line', text: 'Se déconnecter', buttonProps: { onClick: session.onSignOut } },
            ]
          : []
      }
      navigation={navigation.length > 0 ? navigation : undefined}
    />
  );
}
