import { useCallback, useEffect, useState } from 'react';
import { useClient, type CombinedError, type OperationResult } from 'urql';
import { PEOPLE_QUERY, type AdministeredPerson } from './administration-operations';
import type { ResultOf, VariablesOf } from './graphql';

export type PeopleFilter = NonNullable<VariablesOf<typeof PEOPLE_QUERY>['filter']>;

export interface PeopleState {
  people: AdministeredPerson[];
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  loadMore: () => void;
  /** Shows a person's new status (after a suspension or a reactivation) without reading the list again. */
  setStatus: (id: string, status: AdministeredPerson['status']) => void;
}

/** The accounts matching `filter`, `pageSize` at a time, read from the server ("Voir plus" appends the next page; a new filter: a new component). */
export function usePeople(filter: PeopleFilter, pageSize: number): PeopleState {
  const client = useClient();
  const [people, setPeople] = useState<AdministeredPerson[]>([]);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<CombinedError | null>(null);

  const readPage = useCallback((after: string | null) => client.query(PEOPLE_QUERY, { filter, first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise(), [client, filter, pageSize]);

  const showPage = useCallback((after: string | null, result: OperationResult<ResultOf<typeof PEOPLE_QUERY>>) => {
    setFetching(false);
    setError(result.error ?? null);
    const page = result.data?.people;
    if (!page) return;
    const rows = page.edges.map((edge) => edge.node);
    setPeople((previous) => (after === null ? rows : [...previous, ...rows]));
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
    void readPage(endCursor).then((result) => showPage(endCursor, result));
  }, [fetching, endCursor, readPage, showPage]);

  const setStatus = useCallback((id: string, status: AdministeredPerson['status']) => setPeople((previous) => previous.map((p) => (p.id === id ? { ...p, status } : p))), []);

  return { people, hasNextPage, fetching, error, loadMore, setStatus };
}
