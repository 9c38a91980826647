import { useCallback, useMemo, useState } from 'react';
import { useQuery, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';
import type { Page } from './use-paged-list';

export interface LiveListState<Item> {
  items: Item[];
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  /** Shows `pageSize` more ("Voir plus"). */
  loadMore: () => void;
}

/**
 * A connection read through urql's normalised cache (`src/graphql-cache.ts`), so that it follows
 * what the cache learns: an entity's new fields (an event's project, a mutation's person) show in
 * place, and a list the cache invalidates (`Query.projects` after an event, `Query.people` after
 * an invitation or a suspension) is read again on its own. One query of `pageSize × pages` rows:
 * "Voir plus" asks for more, and the rows already shown stay on screen while it is read.
 * `variables` (a filter) must be stable (memoised); a new filter is a new list.
 */
export function useLiveList<Data, Variables extends AnyVariables & { first?: number | null; after?: string | null }, Item>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  pageSize: number,
  pageOf: (data: Data) => Page<Item>,
): LiveListState<Item> {
  const [pages, setPages] = useState(1);
  const all = useMemo(() => ({ ...variables, first: pageSize * pages, after: null }) as unknown as Variables, [variables, pageSize, pages]);
  const [result] = useQuery({ query, variables: all, requestPolicy: 'cache-and-network' });
  const [pick] = useState(() => pageOf);
  const page = useMemo(() => (result.data ? pick(result.data) : null), [result.data, pick]);
  // While more rows are read (new variables: no data yet), the ones already shown stay.
  const [shown, setShown] = useState<Page<Item> | null>(null);
  if (page && page !== shown) setShown(page);
  const current = page ?? shown;
  const loadMore = useCallback(() => setPages((n) => n + 1), []);
  return {
    items: current?.items ?? [],
    hasNextPage: current?.pageInfo.hasNextPage ?? false,
    fetching: result.fetching,
    error: result.error ?? null,
    loadMore,
  };
}
