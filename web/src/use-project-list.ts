import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { describeError } from './graphql-errors';
import { PROJECT_LIST_QUERY, type ProjectEdge } from './project-list-query';

export interface ProjectListState {
  edges: ProjectEdge[];
  hasNextPage: boolean;
  fetching: boolean;
  error: string | null;
  loadMore: () => void;
}

/** Loads the first page of projects, then appends further pages on demand. */
export function useProjectList(pageSize: number): ProjectListState {
  const client = useClient();
  const [edges, setEdges] = useState<ProjectEdge[]>([]);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (after: string | null, isCancelled: () => boolean = () => false) => {
      setFetching(true);
      setError(null);
      // From the server: statuses may have changed since the list was last shown.
      const result = await client.query(PROJECT_LIST_QUERY, { first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
      if (isCancelled()) return;
      setFetching(false);
      if (result.error) setError(describeError(result.error));
      const page = result.data?.projects;
      if (!page) return;
      setEdges((previous) => (after === null ? page.edges : [...previous, ...page.edges]));
      setEndCursor(page.pageInfo.endCursor);
      setHasNextPage(page.pageInfo.hasNextPage);
    },
    [client, pageSize],
  );

  useEffect(() => {
    let cancelled = false;
    void fetchPage(null, () => cancelled);
    return () => {
      cancelled = true;
    };
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (!fetching && endCursor) void fetchPage(endCursor);
  }, [fetching, endCursor, fetchPage]);

  return { edges, hasNextPage, fetching, error, loadMore };
}
