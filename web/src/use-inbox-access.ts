import { useQuery } from 'urql';
import { INBOX_ACCESS_QUERY } from './inbox-query';

/** Whether the signed-in viewer has an inbox (the API answers it: State agents). */
export function useInboxAccess(): boolean {
  const [{ data }] = useQuery({ query: INBOX_ACCESS_QUERY, variables: {} });
  return data !== undefined && data !== null;
}
