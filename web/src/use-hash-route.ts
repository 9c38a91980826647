import { useEffect, useState } from 'react';

export type Route = { name: 'list' } | { name: 'inbox' } | { name: 'fiche'; projectId: string };

const FICHE = /^#\/projets\/([^/?#]+)$/;

export function ficheHash(projectId: string): string {
  return `#/projets/${encodeURIComponent(projectId)}`;
}

export const LIST_HASH = '#/';

/** The State's inbox ("Projets à traiter"). */
export const INBOX_HASH = '#/a-traiter';

function currentRoute(): Route {
  if (window.location.hash === INBOX_HASH) return { name: 'inbox' };
  const match = FICHE.exec(window.location.hash);
  return match ? { name: 'fiche', projectId: decodeURIComponent(match[1]) } : { name: 'list' };
}

/** The page shown, from the URL hash (`#/projets/<id>`: a project's fiche; `#/a-traiter`: the inbox; anything else: the list). */
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
