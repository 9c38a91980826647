import { useCallback, useEffect, useState } from 'react';
import { useClient, type OperationResult } from 'urql';
import { describeError } from './graphql-errors';
import { PROJECT_LIST_QUERY, type ProjectEdge, type ProjectFilter, type ProjectListData } from './project-list-query';

export interface ProjectListState {
  edges: ProjectEdge[];
  hasNextPage: boolean;
  fetching: boolean;
  error: string | null;
  loadMore: () => void;
}

/** Loads the first page of projects matching `filter`, then appends further pages on demand (a new filter: a new component, see ProjectList). */
export function useProjectList(pageSize: number, filter: ProjectFilter): ProjectListState {
  const client = useClient();
  const [edges, setEdges] = useState<ProjectEdge[]>([]);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<string | null>(null);

  // From the server: statuses may have changed since the list was last shown.
  const readPage = useCallback(
    (after: string | null) => client.query(PROJECT_LIST_QUERY, { first: pageSize, after, filter }, { requestPolicy: 'network-only' }).toPromise(),
    [client, pageSize, filter],
  );

  const showPage = useCallback((after: string | null, result: OperationResult<ProjectListData>) => {
    setFetching(false);
    if (result.error) setError(describeError(result.error));
    const page = result.data?.projects;
    if (!page) return;
    setEdges((previous) => (after === null ? page.edges : [...previous, ...page.edges]));
    setEndCursor(page.pageInfo.endCursor);
    setHasNextPage(page.pageInfo.hasNextPage);
  }, []);

  // The first page: fetching from the initial state on.
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

  return { edges, hasNextPage, fetching, error, loadMore };
}
