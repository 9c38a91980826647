import { graphql, type ResultOf } from './graphql';

/** The conversation of a project, oldest first (the first 50 messages). */
export const PROJECT_COMMENTS_QUERY = graphql(`
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
`);

export type CommentNode = ResultOf<typeof PROJECT_COMMENTS_QUERY>['project']['comments']['edges'][number]['node'];
