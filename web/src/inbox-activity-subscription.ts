import { graphql } from './graphql';
import { INBOX_ROW_FIELDS } from './inbox-query';

/**
 * Every activity the viewer may see (no project, no territory: the State agent's départements),
 * after `after`, with its project as an inbox row shows it: the cache writes the project's new
 * state, and `src/graphql-cache.ts` moves it in or out of the inbox.
 */
export const INBOX_ACTIVITY_SUBSCRIPTION = graphql(
  `
    subscription InboxActivity($after: String) {
      projectActivity(after: $after) {
        id
        kind
        project {
          ...InboxRowFields
        }
      }
    }
  `,
  [INBOX_ROW_FIELDS],
);

/** Where the journal stands: read before the inbox, so that every change after the read comes through the subscription. */
export const LATEST_ACTIVITY_QUERY = graphql(`
  query LatestActivity {
    latestActivityId
  }
`);
