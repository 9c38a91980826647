import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { PERSON_CHANGED_SUBSCRIPTION } from './administration-operations';
import { describeError } from './graphql-errors';

/**
 * Keeps the administration's people current with changes made elsewhere (another administrator,
 * an invitee signing in): runs the personChanged subscription while mounted. Its events go
 * through urql's cache, which writes each person in place and reads again the lists of people
 * it may enter or leave (`src/graphql-cache.ts`). Says why the live updates failed, if they did
 * (`liveError`: the list itself may still be shown).
 */
export function usePersonChanges(): { liveError: string | null } {
  const client = useClient();
  const [liveError, setLiveError] = useState<string | null>(null);
  useEffect(() => {
    const live = client.subscription(PERSON_CHANGED_SUBSCRIPTION, {}).subscribe((event) => {
      setLiveError(event.error && !event.data?.personChanged ? describeError(event.error) : null);
    });
    return () => live.unsubscribe();
  }, [client]);
  return { liveError };
}
