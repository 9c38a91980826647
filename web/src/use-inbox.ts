import { useQuery } from 'urql';
import { describeError } from './graphql-errors';
import { INBOX_ACTIVITY_SUBSCRIPTION } from './inbox-activity-subscription';
import { INBOX_QUERY, type InboxFilter, type InboxNode } from './inbox-query';
import { INBOX_UNREAD_COUNT_QUERY } from './read-mark-operations';
import { useActivityFeed } from './use-activity-feed';

export interface InboxState {
  rows: InboxNode[];
  /** More than the rows shown. */
  hasMore: boolean;
  /** How many projects of the whole inbox (filters aside) hold activity the viewer has not read; null until read. */
  unreadProjects: number | null;
  fetching: boolean;
  error: string | null;
  /** The viewer is not a State agent. */
  forbidden: boolean;
  liveError: string | null;
}

/**
 * The first 50 rows of the inbox with `filter` and the inbox's unread count, kept current by the
 * projectActivity subscription (no project, no territory): each event carries its project, which
 * urql's cache writes, and `src/graphql-cache.ts` moves it in or out of the inbox (a status
 * changed, an assignment, a message: rows come and go, unread counts grow). The journal's
 * position is read first (`useActivityFeed`); the inbox is read after it, and the subscription
 * starts after that position: a change made between the read and the subscription is replayed.
 */
export function useInbox(pageSize: number, filter: InboxFilter): InboxState {
  const { ready, liveError } = useActivityFeed(INBOX_ACTIVITY_SUBSCRIPTION, {});
  const [result] = useQuery({ query: INBOX_QUERY, variables: { first: pageSize, filter }, requestPolicy: 'cache-and-network', pause: !ready });
  const [unread] = useQuery({ query: INBOX_UNREAD_COUNT_QUERY, requestPolicy: 'cache-and-network', pause: !ready });

  const forbidden = result.error?.graphQLErrors.some((e) => e.extensions.code === 'FORBIDDEN') ?? false;
  return {
    rows: result.data?.inbox.edges.map((edge) => edge.node) ?? [],
    hasMore: result.data?.inbox.pageInfo.hasNextPage ?? false,
    unreadProjects: unread.data?.inboxUnreadCount ?? null,
    fetching: result.fetching || !ready,
    error: result.error && !forbidden ? describeError(result.error) : null,
    forbidden,
    liveError: forbidden ? null : liveError,
  };
}
