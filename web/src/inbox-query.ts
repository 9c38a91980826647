import { gql } from 'urql';

export interface InboxNode {
  id: string;
  title: string;
  status: string;
  priority: string | null;
  submittedAt: string | null;
  createdAt: string;
  territory: { id: string; name: string } | null;
}

/** ProjectFilter, as the inbox's filters fill it (absent fields: no criterion). */
export interface InboxFilter {
  theme?: string;
  programme?: string;
  territoryId?: string;
  submittedBefore?: string;
}

export interface InboxData {
  inbox: { edges: { node: InboxNode }[]; pageInfo: { hasNextPage: boolean } };
}

/** The State's inbox: submitted and qualified projects of the viewer's départements, highest priority then oldest first. */
export const INBOX_QUERY = gql<InboxData, { first: number; filter: InboxFilter }>`
  query Inbox($first: Int!, $filter: ProjectFilter) {
    inbox(first: $first, filter: $filter) {
      edges {
        node {
          id
          title
          status
          priority
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
`;

export interface InboxAccessData {
  inbox: { edges: { cursor: string }[] };
}

/** Whether the viewer has an inbox (State agents): the API answers FORBIDDEN, and `data: null`, to others. */
export const INBOX_ACCESS_QUERY = gql<InboxAccessData | null, Record<string, never>>`
  query InboxAccess {
    inbox(first: 1) {
      edges {
        cursor
      }
    }
  }
`;
