import { gql } from 'urql';

export interface InboxActivityData {
  projectActivity: { id: string; kind: string };
}

/** Every activity the viewer may see (no project, no territory: the State agent's départements). */
export const INBOX_ACTIVITY_SUBSCRIPTION = gql<InboxActivityData, Record<string, never>>`
  subscription InboxActivity {
    projectActivity { id kind }
  }
`;
