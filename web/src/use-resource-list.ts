import { useCallback, useEffect, useState } from 'react';
import { useClient, type OperationResult } from 'urql';
import { describeError } from './graphql-errors';
import { RESOURCE_LIST_QUERY, type ResourceEdge, type ResourceFilter, type ResourceListData } from './resource-operations';

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
  const client = useClient();
  const [edges, setEdges] = useState<ResourceEdge[]>([]);
  const [totalCount, setTotalCount] = useState<number | null>(null);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const readPage = useCallback(
    (after: string | null) => client.query(RESOURCE_LIST_QUERY, { first: pageSize, after, filter }, { requestPolicy: 'network-only' }).toPromise(),
    [client, pageSize, filter],
  );

  const showPage = useCallback((after: string | null, result: OperationResult<ResourceListData>) => {
    setFetching(false);
    if (result.error) setError(describeError(result.error));
    const page = result.data?.resources;
    if (!page) return;
    setEdges((previous) => (after === null ? page.edges : [...previous, ...page.edges]));
    setTotalCount(page.totalCount);
    setEndCursor(page.pageInfo.endCursor);
    setHasNextPage(page.pageInfo.hasNextPage);
  }, []);

  useEffect(() => {
    let cancelled = false;
    void readPage(null).then((result) => {
      if (!cancelled) showPage(null, result);
    });
    return () => {
      cancelled = true;
    };
  }, [readPage, showPage]);

  const loadMore = useCallback(() => {
    if (fetching || !endCursor) return;
    setFetching(true);
    setError(null);
    void readPage(endCursor).then((result) => showPage(endCursor, result));
  }, [fetching, endCursor, readPage, showPage]);

  return { edges, totalCount, hasNextPage, fetching, error, loadMore };
}
