import { useCallback, useMemo } from 'react';
import type { CombinedError } from 'urql';
import { PEOPLE_QUERY, type AdministeredPerson } from './administration-operations';
import type { VariablesOf } from './graphql';
import { usePagedList } from './use-paged-list';

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
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = usePagedList(PEOPLE_QUERY, variables, pageSize, (data) => ({ items: data.people.edges.map((edge) => edge.node), pageInfo: data.people.pageInfo }));
  const { update } = list;
  const setStatus = useCallback((id: string, status: AdministeredPerson['status']) => update((people) => people.map((p) => (p.id === id ? { ...p, status } : p))), [update]);
  return { people: list.items, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error, loadMore: list.loadMore, setStatus };
}
