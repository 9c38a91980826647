import { graphql } from './graphql';

/** State agents: how many projects of the inbox hold activity they have not read. */
export const INBOX_UNREAD_COUNT_QUERY = graphql(`
  query InboxUnreadCount {
    inboxUnreadCount
  }
`);

/** Marks the project's journal so far as read by the viewer (its `unreadCount` drops to 0). */
export const MARK_PROJECT_READ_MUTATION = graphql(`
  mutation MarkProjectRead($projectId: ID!) {
    markProjectRead(projectId: $projectId) {
      id
      unreadCount
    }
  }
`);
