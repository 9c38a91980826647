import { useMemo } from 'react';
import { describeError } from './graphql-errors';
import { PROJECT_LIST_ACTIVITY_SUBSCRIPTION, PROJECT_LIST_QUERY, type ProjectEdge, type ProjectFilter } from './project-list-query';
import { useActivityFeed } from './use-activity-feed';
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
 * component, see ProjectList), kept current live (`useActivityFeed`: the journal's position, then
 * the projectActivity subscription from there, so nothing in between is missed). Each
 * event carries its project as a row shows it: the cache writes it (a new title, status or
 * unread count shows in place), and `src/graphql-cache.ts` reads the list again when the project
 * may enter it (a project created or newly visible) or leave it (a filter it no longer matches).
 */
export function useProjectList(pageSize: number, filter: ProjectFilter): ProjectListState {
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = useLiveList(PROJECT_LIST_QUERY, variables, pageSize, (data) => ({ items: data.projects.edges, pageInfo: data.projects.pageInfo }));
  const { liveError } = useActivityFeed(PROJECT_LIST_ACTIVITY_SUBSCRIPTION, {});

  return { edges: list.items, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error && describeError(list.error), liveError, loadMore: list.loadMore };
}
