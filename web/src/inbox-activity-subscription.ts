import { graphql } from './graphql';

/** Every activity the viewer may see (no project, no territory: the State agent's départements), after `after`. */
export const INBOX_ACTIVITY_SUBSCRIPTION = graphql(`
  subscription InboxActivity($after: String) {
    projectActivity(after: $after) {
      id
      kind
    }
  }
`);

/** Where the journal stands: read before the inbox, so that every change after the read comes through the subscription. */
export const LATEST_ACTIVITY_QUERY = graphql(`
  query LatestActivity {
    latestActivityId
  }
`);
