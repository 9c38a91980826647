import { useEffect, useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { describeError } from './graphql-errors';
import { LATEST_ACTIVITY_QUERY } from './inbox-activity-subscription';
import { PROJECT_LIST_ACTIVITY_SUBSCRIPTION, PROJECT_LIST_QUERY, type ProjectEdge, type ProjectFilter } from './project-list-query';
import { useLiveList } from './use-live-list';

export interface ProjectListState {
  edges: ProjectEdge[];
  hasNextPage: boolean;
  fetching: boolean;
  error: string | null;
  /** The live updates failed (the list itself may still be shown). */
  liveError: string | null;
  loadMore: () => void;
}

/**
 * The projects matching `filter`, `pageSize` more at a time ("Voir plus"; a new filter: a new
 * component, see ProjectList), kept current live. As the inbox does (`use-inbox.ts`): the
 * journal's position is read first, then the list (through urql's cache), then the
 * projectActivity subscription starts after that position, so nothing in between is missed. Each
 * event carries its project as a row shows it: the cache writes it (a new title, status or
 * unread count shows in place), and `src/graphql-cache.ts` reads the list again when the project
 * may enter it (a project created or newly visible) or leave it (a filter it no longer matches).
 */
export function useProjectList(pageSize: number, filter: ProjectFilter): ProjectListState {
  const client = useClient();
  const [position] = useQuery({ query: LATEST_ACTIVITY_QUERY, requestPolicy: 'network-only' });
  const ready = !position.fetching && (position.data !== undefined || position.error !== undefined);
  const after = position.data?.latestActivityId ?? null;
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = useLiveList(PROJECT_LIST_QUERY, variables, pageSize, (data) => ({ items: data.projects.edges, pageInfo: data.projects.pageInfo }));
  const [liveError, setLiveError] = useState<string | null>(null);

  useEffect(() => {
    if (!ready) return;
    const subscription = client.subscription(PROJECT_LIST_ACTIVITY_SUBSCRIPTION, { after }).subscribe((event) => {
      setLiveError(event.error && !event.data?.projectActivity ? describeError(event.error) : null);
    });
    return () => subscription.unsubscribe();
  }, [client, ready, after]);

  return { edges: list.items, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error && describeError(list.error), liveError, loadMore: list.loadMore };
}
