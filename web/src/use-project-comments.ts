import { useCallback } from 'react';
import { useQuery } from 'urql';
import { describeError } from './graphql-errors';
import { PROJECT_COMMENTS_QUERY, type CommentNode } from './project-comments-query';

export interface ProjectCommentsState {
  comments: CommentNode[];
  /** More than the 50 messages shown. */
  hasMore: boolean;
  fetching: boolean;
  error: string | null;
  /** Reads the conversation again from the server. */
  refetch: () => void;
}

export function useProjectComments(projectId: string): ProjectCommentsState {
  const [result, reexecute] = useQuery({ query: PROJECT_COMMENTS_QUERY, variables: { id: projectId }, requestPolicy: 'cache-and-network' });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const connection = result.data?.project.comments;
  return {
    comments: connection?.edges.map((edge) => edge.node) ?? [],
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    fetching: result.fetching,
    error: result.error ? describeError(result.error) : null,
    refetch,
  };
}
