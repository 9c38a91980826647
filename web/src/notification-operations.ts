import { graphql } from './graphql';

/** How the signed-in person hears of their projects by e-mail (theirs only). */
export const NOTIFICATION_FREQUENCY_QUERY = graphql(`
  query NotificationFrequency {
    me {
      id
      email
      notificationFrequency
    }
  }
`);

export const SET_NOTIFICATION_FREQUENCY_MUTATION = graphql(`
  mutation SetNotificationFrequency($frequency: NotificationFrequency!) {
    setNotificationFrequency(frequency: $frequency) {
      id
      notificationFrequency
    }
  }
`);
