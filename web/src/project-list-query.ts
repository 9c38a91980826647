import { graphql, type ResultOf, type VariablesOf } from './graphql';

/** A page of the projects the viewer may see, newest first, narrowed by the list's filters. */
export const PROJECT_LIST_QUERY = graphql(`
  query ProjectList($first: Int!, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          title
          status
          themes
          unreadCount
          createdAt
          territory {
            id
            name
            departement {
              name
            }
          }
          owner {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type ProjectListData = ResultOf<typeof PROJECT_LIST_QUERY>;
export type ProjectEdge = ProjectListData['projects']['edges'][number];
export type ProjectNode = ProjectEdge['node'];
export type ProjectFilter = NonNullable<VariablesOf<typeof PROJECT_LIST_QUERY>['filter']>;

/** A territory's name, for the list narrowed to it (the map's links). */
export const TERRITORY_NAME_QUERY = graphql(`
  query TerritoryName($id: ID!) {
    territory(id: $id) {
      id
      name
    }
  }
`);
