import { gql } from 'urql';

export interface CommentNode {
  id: string;
  body: string;
  internal: boolean;
  createdAt: string;
  author: { id: string; name: string | null } | null;
}

export interface ProjectCommentsData {
  project: {
    id: string;
    comments: { edges: { node: CommentNode }[]; pageInfo: { hasNextPage: boolean } };
  };
}

/** The conversation of a project, oldest first (the first 50 messages). */
export const PROJECT_COMMENTS_QUERY = gql<ProjectCommentsData, { id: string }>`
  query ProjectComments($id: ID!) {
    project(id: $id) {
      id
      comments(first: 50) {
        edges {
          node {
            id
            body
            internal
            createdAt
            author {
              id
              name
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`;
