import { useEffect, useState } from 'react';
import { useClient, useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';
import { describeError } from './graphql-errors';
import { LATEST_ACTIVITY_QUERY } from './inbox-activity-subscription';

/**
 * Keeps a page current from the journal: reads where the journal stands, then runs the
 * projectActivity `subscription` from there (with `variables`: a project, a territory), so that
 * no change made after the page's own reads is missed. Its events go through urql's cache, whose
 * updates (`src/graphql-cache.ts`) write each event's project and make stale what it may change.
 * Paused while `pause` holds (nothing to follow yet). Says when the position is known (`ready`:
 * a page that must read after it waits for it, as the inbox does) and why the live updates
 * failed, if they did (`liveError`: the page itself may still be shown). `onEvent` hears the
 * position read first, then each event's id (a page whose figures say up to which event they
 * are current reads them again until they have caught up: the dashboard); give a stable function
 * (useCallback): another one restarts the subscription.
 */
export function useActivityFeed<Variables extends AnyVariables & { after?: string | null }>(
  subscription: TypedDocumentNode<{ projectActivity: unknown }, Variables>,
  variables: Omit<Variables, 'after'>,
  pause = false,
  onEvent?: (activityId: string) => void,
): { ready: boolean; liveError: string | null } {
  const client = useClient();
  const [position] = useQuery({ query: LATEST_ACTIVITY_QUERY, requestPolicy: 'network-only', pause });
  const ready = !pause && !position.fetching && (position.data !== undefined || position.error !== undefined);
  const after = position.data?.latestActivityId ?? null;
  const key = JSON.stringify(variables);
  const [liveError, setLiveError] = useState<string | null>(null);

  useEffect(() => {
    if (ready && after !== null) onEvent?.(after);
  }, [ready, after, onEvent]);

  useEffect(() => {
    if (!ready) return;
    const live = client.subscription(subscription, { ...(JSON.parse(key) as object), after } as unknown as Variables).subscribe((event) => {
      setLiveError(event.error && !event.data?.projectActivity ? describeError(event.error) : null);
      const id = (event.data?.projectActivity as { id?: unknown } | null | undefined)?.id;
      if (typeof id === 'string') onEvent?.(id);
    });
    return () => live.unsubscribe();
  }, [client, subscription, key, ready, after, onEvent]);

  return { ready, liveError };
}
