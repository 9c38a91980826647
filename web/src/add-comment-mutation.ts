import { gql } from 'urql';

export interface AddCommentData {
  addComment: { id: string };
}

export const ADD_COMMENT_MUTATION = gql<AddCommentData, { projectId: string; body: string; internal: boolean }>`
  mutation AddComment($projectId: ID!, $body: String!, $internal: Boolean) {
    addComment(projectId: $projectId, body: $body, internal: $internal) {
      id
    }
  }
`;
