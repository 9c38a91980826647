import { useCallback, useEffect, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type OperationResult, type TypedDocumentNode } from 'urql';
import { appendPage } from './paged-items';

/** One page of a Relay connection, as `pageOf` takes it from a query's result. */
export interface Page<Item> {
  items: Item[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** The connection's `totalCount`, when the query reads it. */
  totalCount?: number;
}

export interface PagedListState<Item> {
  items: Item[];
  /** The latest page's `totalCount`; null before the first page or when the query does not read it. */
  totalCount: number | null;
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  /** Reads the next page and appends it ("Voir plus"). */
  loadMore: () => void;
  /** Changes shown rows in place (e.g. a person's new status after a suspension) without reading the list again. */
  update: (change: (items: Item[]) => Item[]) => void;
}

/**
 * A connection read `first` at a time from the server (network-only: what it holds may have
 * changed since it was last shown), the first page at once, the next ones appended on demand
 * (a row never twice: see appendPage).
 * `variables` are the query's other variables (a filter): new ones need a new component, as the
 * pages read so far are kept. `pageOf` takes the page out of the result.
 */
export function usePagedList<Data, Variables extends AnyVariables & { first?: number | null; after?: string | null }, Item>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  first: number,
  pageOf: (data: Data) => Page<Item>,
): PagedListState<Item> {
  const client = useClient();
  const [items, setItems] = useState<Item[]>([]);
  const [totalCount, setTotalCount] = useState<number | null>(null);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<CombinedError | null>(null);
  const [pick] = useState(() => pageOf);

  const readPage = useCallback(
    (after: string | null) => client.query(query, { ...variables, first, after } as unknown as Variables, { requestPolicy: 'network-only' }).toPromise(),
    [client, query, variables, first],
  );

  const showPage = useCallback(
    (after: string | null, result: OperationResult<Data>) => {
      setFetching(false);
      setError(result.error ?? null);
      if (!result.data) return;
      const page = pick(result.data);
      setItems((previous) => (after === null ? page.items : appendPage(previous, page.items)));
      setTotalCount(page.totalCount ?? null);
      setEndCursor(page.pageInfo.endCursor);
      setHasNextPage(page.pageInfo.hasNextPage);
    },
    [pick],
  );

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

  const update = useCallback((change: (items: Item[]) => Item[]) => setItems(change), []);

  return { items, totalCount, hasNextPage, fetching, error, loadMore, update };
}
