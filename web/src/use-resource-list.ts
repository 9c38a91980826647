import { useMemo } from 'react';
import { describeError } from './graphql-errors';
import { RESOURCE_LIST_QUERY, type ResourceEdge, type ResourceFilter } from './resource-operations';
import { usePagedList } from './use-paged-list';

export interface ResourceListState {
  edges: ResourceEdge[];
  totalCount: number | null;
  hasNextPage: boolean;
  fetching: boolean;
  error: string | null;
  loadMore: () => void;
}

/** The first page of sheets matching `filter`, then the next ones on demand ("Voir plus"); a new filter is a new component. */
export function useResourceList(pageSize: number, filter: ResourceFilter): ResourceListState {
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = usePagedList(RESOURCE_LIST_QUERY, variables, pageSize, (data) => ({ items: data.resources.edges, pageInfo: data.resources.pageInfo, totalCount: data.resources.totalCount }));
  return { edges: list.items, totalCount: list.totalCount, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error ? describeError(list.error) : null, loadMore: list.loadMore };
}
