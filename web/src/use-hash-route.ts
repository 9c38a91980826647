import { useEffect, useState } from 'react';

export type Route = { name: 'list' } | { name: 'fiche'; projectId: string };

const FICHE = /^#\/projets\/([^/?#]+)$/;

export function ficheHash(projectId: string): string {
  return `#/projets/${encodeURIComponent(projectId)}`;
}

export const LIST_HASH = '#/';

function currentRoute(): Route {
  const match = FICHE.exec(window.location.hash);
  return match ? { name: 'fiche', projectId: decodeURIComponent(match[1]) } : { name: 'list' };
}

/** The page shown, from the URL hash (`#/projets/<id>`: a project's fiche; anything else: the list). */
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
