import { graphql, type ResultOf, type VariablesOf } from './graphql';

/** A project as a row of the list shows it: read with the list and carried by each event of its subscription. */
export const PROJECT_LIST_FIELDS = graphql(`
  fragment ProjectListFields on Project @_unmask {
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
`);

/** A page of the projects the viewer may see, newest first, narrowed by the list's filters. */
export const PROJECT_LIST_QUERY = graphql(
  `
    query ProjectList($first: Int!, $after: String, $filter: ProjectFilter) {
      projects(first: $first, after: $after, filter: $filter) {
        edges {
          cursor
          node {
            ...ProjectListFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [PROJECT_LIST_FIELDS],
);

/**
 * Every activity the viewer may see (no project, no territory), after `after`, with its project
 * as a row of the list shows it: the cache writes it (title, status, "N nouveautés" follow in
 * place) and `src/graphql-cache.ts` reads a list again when the project may enter or leave it.
 */
export const PROJECT_LIST_ACTIVITY_SUBSCRIPTION = graphql(
  `
    subscription ProjectListActivity($after: String) {
      projectActivity(after: $after) {
        id
        kind
        project {
          ...ProjectListFields
        }
      }
    }
  `,
  [PROJECT_LIST_FIELDS],
);

export type ProjectListData = ResultOf<typeof PROJECT_LIST_QUERY>;
export type ProjectEdge = ProjectListData['projects']['edges'][number];
export type ProjectNode = ProjectEdge['node'];
export type ProjectListNode = ResultOf<typeof PROJECT_LIST_FIELDS>;
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
