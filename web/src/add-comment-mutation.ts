import { gql } from 'urql';

export interface AddCommentData {
  addComment: { id: string };
}

export const ADD_COMMENT_MUTATION = gql<AddCommentData, { projectId: string; body: string }>`
  mutation AddComment($projectId: ID!, $body: String!) {
    addComment(projectId: $projectId, body: $body) { id }
  }
`;
