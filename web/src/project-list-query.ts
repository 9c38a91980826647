import { gql } from 'urql';

export interface ProjectNode {
  id: string;
  title: string;
  status: string;
  themes: string[];
  createdAt: string;
  territory: { id: string; name: string; departement: { name: string } | null } | null;
  owner: { id: string; name: string } | null;
}

export interface ProjectEdge {
  cursor: string;
  node: ProjectNode;
}

export interface ProjectListData {
  projects: {
    edges: ProjectEdge[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface ProjectListVariables {
  first: number;
  after?: string | null;
}

export const PROJECT_LIST_QUERY = gql<ProjectListData, ProjectListVariables>`
  query ProjectList($first: Int!, $after: String) {
    projects(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          status
          themes
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
`;
