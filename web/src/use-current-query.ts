import { useEffect, useRef } from 'react';
import { useQuery, type AnyVariables, type UseQueryArgs, type UseQueryResponse } from 'urql';
import { compareActivityIds } from './journal';

/** The first wait before reading figures again, doubled after each answer still behind, up to the last. */
export const CATCH_UP_DELAYS_MS = { first: 500, last: 8000 };

/**
 * A query whose answer says up to which journal event it is current (`currentAtOf`, e.g.
 * reporting's `currentAt`): while it is behind the newest event the page has heard of
 * (`heard`), it is read again from the network, after a wait that doubles while the answer is
 * still behind (reporting projects the journal in the background: it catches up within moments,
 * and a stopped reporting is not hammered). The answer on screen stays until the next one comes.
 */
export function useCurrentQuery<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
  heard: string | null,
  currentAtOf: (data: Data) => string | null | undefined,
): UseQueryResponse<Data, Variables> {
  const [result, reexecute] = useQuery(args);
  const currentAt = result.data ? currentAtOf(result.data) : null;
  const behind = heard !== null && currentAt != null && compareActivityIds(currentAt, heard) < 0;
  /** Reads made since the answer was last current: each one doubles the next wait. */
  const reads = useRef(0);

  useEffect(() => {
    if (!behind) {
      reads.current = 0;
      return;
    }
    if (result.fetching) return;
    const wait = Math.min(CATCH_UP_DELAYS_MS.first * 2 ** reads.current, CATCH_UP_DELAYS_MS.last);
    const timer = setTimeout(() => {
      reads.current += 1;
      reexecute({ requestPolicy: 'network-only' });
    }, wait);
    return () => clearTimeout(timer);
    // `heard` is left out: events coming faster than the wait would otherwise postpone the read
    // for ever; one read catches up with them all.
  }, [behind, result.fetching, currentAt, reexecute]);

  return [result, reexecute];
}
