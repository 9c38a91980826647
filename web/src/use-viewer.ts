import { useQuery } from 'urql';
import { graphql, type ResultOf } from './graphql';

/** The signed-in person, with their organisations and roles. */
export const VIEWER_QUERY = graphql(`
  query Viewer {
    me {
      id
      name
      memberships {
        role
        organization {
          id
          kind
          name
          territory {
            id
            name
          }
        }
      }
    }
  }
`);

export type ViewerMembership = ResultOf<typeof VIEWER_QUERY>['me']['memberships'][number];

export interface Viewer {
  id: string | null;
  /** An agent of a collectivité: creates and carries projects. */
  isCollectivite: boolean;
  /** A State agent (DDT, préfecture): has the inbox. */
  isStateAgent: boolean;
  /** An ANCT national agent or an analyst: has the dashboard. */
  isNational: boolean;
  /** An ANCT national agent: has the administration (people, API keys). */
  isAdministrator: boolean;
  /** A State agent, an ANCT national agent or an expert: writes resource sheets and recommends them to projects (the API checks where). */
  isStateSide: boolean;
  /** Their collectivités (where a new project is carried). */
  collectivites: ViewerMembership['organization'][];
  /** Their State services (DDT, préfecture), whose agents a project may be assigned to. */
  stateServices: ViewerMembership['organization'][];
}

/** Who is signed in and what kind of user they are (read once per session). */
export function useViewer(): Viewer {
  const [{ data }] = useQuery({ query: VIEWER_QUERY, variables: {} });
  const memberships = data?.me.memberships ?? [];
  const collectivites = memberships.filter((m) => m.role === 'COLLECTIVITE_AGENT').map((m) => m.organization);
  return {
    id: data?.me.id ?? null,
    isCollectivite: collectivites.length > 0,
    isStateAgent: memberships.some((m) => m.role === 'STATE_AGENT'),
    isNational: memberships.some((m) => m.role === 'ANCT_NATIONAL' || m.role === 'ANALYST'),
    isAdministrator: memberships.some((m) => m.role === 'ANCT_NATIONAL'),
    isStateSide: memberships.some((m) => m.role === 'STATE_AGENT' || m.role === 'ANCT_NATIONAL' || m.role === 'EXPERT'),
    collectivites,
    stateServices: memberships.filter((m) => m.role === 'STATE_AGENT').map((m) => m.organization),
  };
}
