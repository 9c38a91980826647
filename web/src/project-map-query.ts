import { graphql, type ResultOf } from './graphql';

/** The map of projects: how many projects the viewer sees per département, with the list's filter. */
export const PROJECT_MAP_QUERY = graphql(`
  query ProjectMap($filter: ProjectFilter) {
    projectMap(filter: $filter) {
      totalCount
      departements {
        code
        count
        departement {
          id
          name
        }
      }
    }
  }
`);

export type ProjectMapData = ResultOf<typeof PROJECT_MAP_QUERY>['projectMap'];
