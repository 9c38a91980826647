import { useMemo } from 'react';
import { describeError } from './graphql-errors';
import { PROJECT_LIST_QUERY, type ProjectEdge, type ProjectFilter } from './project-list-query';
import { usePagedList } from './use-paged-list';

export interface ProjectListState {
  edges: ProjectEdge[];
  hasNextPage: boolean;
  fetching: boolean;
  error: string | null;
  loadMore: () => void;
}

/** Loads the first page of projects matching `filter`, then appends further pages on demand (a new filter: a new component, see ProjectList). */
export function useProjectList(pageSize: number, filter: ProjectFilter): ProjectListState {
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = usePagedList(PROJECT_LIST_QUERY, variables, pageSize, (data) => ({ items: data.projects.edges, pageInfo: data.projects.pageInfo }));
  return { edges: list.items, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error && describeError(list.error), loadMore: list.loadMore };
}
