import { graphql } from './graphql';

export const ADD_COMMENT_MUTATION = graphql(`
  mutation AddComment($projectId: ID!, $body: String!, $internal: Boolean) {
    addComment(projectId: $projectId, body: $body, internal: $internal) {
      id
    }
  }
`);
