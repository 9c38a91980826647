import { useEffect, useState } from 'react';

export type Route =
  | { name: 'list'; filter: ListFilter }
  | { name: 'inbox' }
  | { name: 'new' }
  | { name: 'dashboard' }
  | { name: 'admin' }
  | { name: 'preferences' }
  | { name: 'account' }
  | { name: 'board' }
  | { name: 'map' }
  | { name: 'fiche'; projectId: string }
  | { name: 'library' }
  | { name: 'new-resource' }
  | { name: 'resource'; resourceId: string };

const FICHE = /^#\/projets\/([^/?#]+)$/;

export function ficheHash(projectId: string): string {
  return `#/projets/${encodeURIComponent(projectId)}`;
}

export const LIST_HASH = '#/';

/** The list's filters that an address may carry (`#/?territoire=DEPARTEMENT:63&statut=SUBMITTED`: the map's links). */
export interface ListFilter {
  territoryId?: string;
  status?: string;
  theme?: string;
  programme?: string;
  search?: string;
}

const LIST_PARAMS: [keyof ListFilter, string][] = [
  ['territoryId', 'territoire'],
  ['status', 'statut'],
  ['theme', 'theme'],
  ['programme', 'programme'],
  ['search', 'recherche'],
];

/** The list narrowed by a filter (the list itself without one). */
export function listHash(filter: ListFilter): string {
  const params = new URLSearchParams();
  for (const [key, name] of LIST_PARAMS) {
    const value = filter[key];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `${LIST_HASH}?${query}` : LIST_HASH;
}

function listFilterOf(hash: string): ListFilter {
  const at = hash.indexOf('?');
  if (!hash.startsWith(`${LIST_HASH}?`) || at < 0) return {};
  const params = new URLSearchParams(hash.slice(at + 1));
  const filter: ListFilter = {};
  for (const [key, name] of LIST_PARAMS) {
    const value = params.get(name);
    if (value) filter[key] = value;
  }
  return filter;
}

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
/** The State's map of projects by département ("Carte des projets"). */
export const MAP_HASH = '#/carte-des-projets';
/** "Mon compte": identity, organisation, role, themes followed, notifications. */
export const ACCOUNT_HASH = '#/mon-compte';
/** "Mes préférences de notification". */
export const PREFERENCES_HASH = '#/preferences-notification';

/** The last view of projects shown (the list, with its filter, or the inbox), where a fiche's back link leads. */
let lastView: string = LIST_HASH;

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
  if (window.location.hash === ACCOUNT_HASH) return { name: 'account' };
  if (window.location.hash === BOARD_HASH) return { name: 'board' };
  if (window.location.hash === MAP_HASH) return { name: 'map' };
  if (window.location.hash === LIBRARY_HASH) return { name: 'library' };
  if (window.location.hash === NEW_RESOURCE_HASH) return { name: 'new-resource' };
  const resource = RESOURCE.exec(window.location.hash);
  if (resource) return { name: 'resource', resourceId: decodeURIComponent(resource[1]) };
  const match = FICHE.exec(window.location.hash);
  if (match) return { name: 'fiche', projectId: decodeURIComponent(match[1]) };
  const filter = listFilterOf(window.location.hash);
  lastView = listHash(filter);
  return { name: 'list', filter };
}

/** The page shown, from the URL hash (`#/projets/<id>`: a project's fiche; `#/a-traiter`: the inbox; `#/nouveau-projet`: the new project's form; `#/tableau-de-bord`: the dashboard; `#/administration`: the administration; `#/preferences-notification`: the notification preferences; `#/mon-compte`: the account; `#/ressources`, `#/ressources/nouvelle`, `#/ressources/<id>`: the library, a new sheet, a sheet; `#/tableau-de-bord-projets`: the board; `#/carte-des-projets`: the map; anything else: the list, `#/?territoire=…&statut=…` with a filter). */
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
