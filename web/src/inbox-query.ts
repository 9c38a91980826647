import { graphql, type ResultOf } from './graphql';

/** ProjectFilter, as the inbox's filters fill it (absent fields: no criterion). */
export interface InboxFilter {
  theme?: string;
  programme?: string;
  territoryId?: string;
  submittedBefore?: string;
}

/** What a row of the inbox shows; the inbox's live events carry it too, so the cache holds each row's state. */
export const INBOX_ROW_FIELDS = graphql(`
  fragment InboxRowFields on Project @_unmask {
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
`);

/** The State's inbox: submitted and qualified projects of the viewer's départements, highest priority then oldest first. */
export const INBOX_QUERY = graphql(
  `
    query Inbox($first: Int!, $filter: ProjectFilter) {
      inbox(first: $first, filter: $filter) {
        edges {
          node {
            ...InboxRowFields
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  `,
  [INBOX_ROW_FIELDS],
);

export type InboxData = ResultOf<typeof INBOX_QUERY>;
export type InboxNode = InboxData['inbox']['edges'][number]['node'];
