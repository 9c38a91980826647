import { useCallback, useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { describeError } from './graphql-errors';
import { INBOX_ACTIVITY_SUBSCRIPTION } from './inbox-activity-subscription';
import { INBOX_QUERY, type InboxFilter, type InboxNode } from './inbox-query';

/** Activities that move a project into or out of the inbox (a status changed; assigning one takes it out). */
const INBOX_KINDS = new Set(['STATUS_CHANGED', 'ASSIGNED']);

export interface InboxState {
  rows: InboxNode[];
  /** More than the rows shown. */
  hasMore: boolean;
  fetching: boolean;
  error: string | null;
  /** The viewer is not a State agent. */
  forbidden: boolean;
  liveError: string | null;
}

/**
 * The first 50 rows of the inbox with `filter`, read again from the server whenever a project
 * the viewer may see changes status (the projectActivity subscription, with no argument).
 */
export function useInbox(pageSize: number, filter: InboxFilter): InboxState {
  const client = useClient();
  const [result, reexecute] = useQuery({ query: INBOX_QUERY, variables: { first: pageSize, filter }, requestPolicy: 'cache-and-network' });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [liveError, setLiveError] = useState<string | null>(null);

  useEffect(() => {
    const subscription = client.subscription(INBOX_ACTIVITY_SUBSCRIPTION, {}).subscribe((event) => {
      const activity = event.data?.projectActivity;
      setLiveError(event.error && !activity ? describeError(event.error) : null);
      if (activity && INBOX_KINDS.has(activity.kind)) refetch();
    });
    return () => subscription.unsubscribe();
  }, [client, refetch]);

  const forbidden = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
  return {
    rows: result.data?.inbox.edges.map((edge) => edge.node) ?? [],
    hasMore: result.data?.inbox.pageInfo.hasNextPage ?? false,
    fetching: result.fetching,
    error: result.error && !forbidden ? describeError(result.error) : null,
    forbidden,
    liveError: forbidden ? null : liveError,
  };
}
