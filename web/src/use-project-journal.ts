import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from 'urql';
import { describeError } from './graphql-errors';
import { lastActivityId, mergeJournal } from './journal';
import { PROJECT_ACTIVITY_SUBSCRIPTION } from './project-activity-subscription';
import type { ActivityEntry } from './project-fiche-query';

export interface ProjectJournalState {
  /** Oldest first, each activity once. */
  entries: ActivityEntry[];
  /** Why the live updates stopped, if they did. */
  liveError: string | null;
}

/**
 * The journal read with the fiche, then kept up to date by the projectActivity subscription.
 * The subscription starts after the newest entry read, so the server replays what happened
 * in between; an id already received (a replay after a reconnection) is dropped, and one also
 * read by a refetch of the fiche is shown once. `onNewEntry` runs once for each new activity
 * (to read the conversation again on a message, the fiche on other changes).
 */
export function useProjectJournal(projectId: string, loaded: readonly ActivityEntry[], onNewEntry: (entry: ActivityEntry) => void): ProjectJournalState {
  const client = useClient();
  // Fixed at the first render: a later refetch of the fiche must not restart the subscription.
  const [after] = useState(() => lastActivityId(loaded));
  const [received, setReceived] = useState<ActivityEntry[]>([]);
  const [liveError, setLiveError] = useState<string | null>(null);
  // The ids of the first read and of the events handled: every later activity comes through
  // the subscription (even when a refetch of the fiche shows it first), and is handled once.
  const [handledIds] = useState(() => new Set(loaded.map((entry) => entry.id)));
  const onNewEntryRef = useRef(onNewEntry);
  useEffect(() => {
    onNewEntryRef.current = onNewEntry;
  }, [onNewEntry]);

  useEffect(() => {
    const subscription = client.subscription(PROJECT_ACTIVITY_SUBSCRIPTION, { projectId, after }).subscribe((result) => {
      const entry = result.data?.projectActivity;
      // urql keeps an event's errors on the following results: an event received clears them.
      setLiveError(result.error && !entry ? describeError(result.error) : null);
      if (!entry || handledIds.has(entry.id)) return;
      handledIds.add(entry.id);
      setReceived((previous) => [...previous, entry]);
      onNewEntryRef.current(entry);
    });
    return () => subscription.unsubscribe();
  }, [client, projectId, after, handledIds]);

  const entries = useMemo(() => mergeJournal(loaded, received), [loaded, received]);
  return { entries, liveError };
}
