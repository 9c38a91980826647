import { useMemo } from 'react';
import type { CombinedError } from 'urql';
import { PEOPLE_QUERY, type AdministeredPerson } from './administration-operations';
import type { VariablesOf } from './graphql';
import { useLiveList } from './use-live-list';

export type PeopleFilter = NonNullable<VariablesOf<typeof PEOPLE_QUERY>['filter']>;

export interface PeopleState {
  people: AdministeredPerson[];
  hasNextPage: boolean;
  fetching: boolean;
  error: CombinedError | null;
  loadMore: () => void;
}

/**
 * The accounts matching `filter`, `pageSize` more at a time ("Voir plus"), through urql's cache:
 * a suspension or a reactivation writes the person's new status in place, and any of them or an
 * invitation invalidates the lists of people (`src/graphql-cache.ts`), read again at once; so do
 * the changes made elsewhere that personChanged brings (`use-person-changes.ts`).
 */
export function usePeople(filter: PeopleFilter, pageSize: number): PeopleState {
  const variables = useMemo(() => ({ filter }), [filter]);
  const list = useLiveList(PEOPLE_QUERY, variables, pageSize, (data) => ({ items: data.people.edges.map((edge) => edge.node), pageInfo: data.people.pageInfo }));
  return { people: list.items, hasNextPage: list.hasNextPage, fetching: list.fetching, error: list.error, loadMore: list.loadMore };
}
