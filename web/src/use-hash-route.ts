import { useEffect, useState } from 'react';

export type Route =
  | { name: 'list' }
  | { name: 'inbox' }
  | { name: 'new' }
  | { name: 'dashboard' }
  | { name: 'admin' }
  | { name: 'preferences' }
  | { name: 'board' }
  | { name: 'fiche'; projectId: string }
  | { name: 'library' }
  | { name: 'new-resource' }
  | { name: 'resource'; resourceId: string };

const FICHE = /^#\/projets\/([^/?#]+)$/;

export function ficheHash(projectId: string): string {
  return `#/projets/${encodeURIComponent(projectId)}`;
}

export const LIST_HASH = '#/';

/** The library of resources ("Ressources"). */
export const LIBRARY_HASH = '#/ressources';

/** A new resource sheet. */
export const NEW_RESOURCE_HASH = '#/ressources/nouvelle';

const RESOURCE = /^#\/ressources\/([^/?#]+)$/;

export function resourceHash(resourceId: string): string {
  return `#/ressources/${encodeURIComponent(resourceId)}`;
}

/** The State's inbox ("Projets à traiter"). */
export const INBOX_HASH = '#/a-traiter';

/** The guided form of a new project ("Nouveau projet", collectivités). */
export const NEW_PROJECT_HASH = '#/nouveau-projet';

/** The dashboard of counts by territory (ANCT, analysts). */
export const DASHBOARD_HASH = '#/tableau-de-bord';

/** People and programmes' API keys (ANCT national agents). */
export const ADMIN_HASH = '#/administration';
/** The State's board of a territory's projects by status ("Tableau de bord des projets"). */
export const BOARD_HASH = '#/tableau-de-bord-projets';
/** "Mes préférences de notification". */
export const PREFERENCES_HASH = '#/preferences-notification';

/** The last view of projects shown (list or inbox), where a fiche's back link leads. */
let lastView: typeof LIST_HASH | typeof INBOX_HASH = LIST_HASH;

export function backHash(): string {
  return lastView;
}

function currentRoute(): Route {
  if (window.location.hash === INBOX_HASH) {
    lastView = INBOX_HASH;
    return { name: 'inbox' };
  }
  if (window.location.hash === NEW_PROJECT_HASH) return { name: 'new' };
  if (window.location.hash === DASHBOARD_HASH) return { name: 'dashboard' };
  if (window.location.hash === ADMIN_HASH) return { name: 'admin' };
  if (window.location.hash === PREFERENCES_HASH) return { name: 'preferences' };
  if (window.location.hash === BOARD_HASH) return { name: 'board' };
  if (window.location.hash === LIBRARY_HASH) return { name: 'library' };
  if (window.location.hash === NEW_RESOURCE_HASH) return { name: 'new-resource' };
  const resource = RESOURCE.exec(window.location.hash);
  if (resource) return { name: 'resource', resourceId: decodeURIComponent(resource[1]) };
  const match = FICHE.exec(window.location.hash);
  if (match) return { name: 'fiche', projectId: decodeURIComponent(match[1]) };
  lastView = LIST_HASH;
  return { name: 'list' };
}

/** The page shown, from the URL hash (`#/projets/<id>`: a project's fiche; `#/a-traiter`: the inbox; `#/nouveau-projet`: the new project's form; `#/tableau-de-bord`: the dashboard; `#/administration`: the administration; `#/preferences-notification`: the notification preferences; `#/ressources`, `#/ressources/nouvelle`, `#/ressources/<id>`: the library, a new sheet, a sheet; `#/tableau-de-bord-projets`: the board; anything else: the list). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => {
      setRoute(currentRoute());
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
