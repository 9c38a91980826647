import { gql } from 'urql';

export interface InboxActivityData {
  projectActivity: { id: string; kind: string };
}

/** Every activity the viewer may see (no project, no territory: the State agent's départements), after `after`. */
export const INBOX_ACTIVITY_SUBSCRIPTION = gql<InboxActivityData, { after: string | null }>`
  subscription InboxActivity($after: String) {
    projectActivity(after: $after) {
      id
      kind
    }
  }
`;

export interface LatestActivityData {
  latestActivityId: string | null;
}

/** Where the journal stands: read before the inbox, so that every change after the read comes through the subscription. */
export const LATEST_ACTIVITY_QUERY = gql<LatestActivityData, Record<string, never>>`
  query LatestActivity {
    latestActivityId
  }
`;
