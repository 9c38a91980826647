import { graphql, type ResultOf } from './graphql';

/** ProjectFilter, as the inbox's filters fill it (absent fields: no criterion). */
export interface InboxFilter {
  theme?: string;
  programme?: string;
  territoryId?: string;
  submittedBefore?: string;
}

/** The State's inbox: submitted and qualified projects of the viewer's départements, highest priority then oldest first. */
export const INBOX_QUERY = graphql(`
  query Inbox($first: Int!, $filter: ProjectFilter) {
    inbox(first: $first, filter: $filter) {
      edges {
        node {
          id
          title
          status
          priority
          unreadCount
          submittedAt
          createdAt
          territory {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export type InboxData = ResultOf<typeof INBOX_QUERY>;
export type InboxNode = InboxData['inbox']['edges'][number]['node'];
