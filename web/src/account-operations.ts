import { graphql, type ResultOf } from './graphql';

/** "Mon compte": who the signed-in person is, where, with which role, the themes they follow and how they hear of their projects. */
export const MY_ACCOUNT_QUERY = graphql(`
  query MyAccount {
    me {
      id
      email
      givenName
      usualName
      name
      status
      themes
      notificationFrequency
      memberships {
        role
        createdAt
        organization {
          id
          name
          kind
          territory {
            id
            name
          }
        }
      }
    }
  }
`);

export type MyAccount = ResultOf<typeof MY_ACCOUNT_QUERY>['me'];

/** The themes a State agent follows (replaces theirs): the inbox offers them the projects of those themes first. */
export const SET_MY_THEMES_MUTATION = graphql(`
  mutation SetMyThemes($themes: [String!]!) {
    setMyThemes(themes: $themes) {
      id
      themes
    }
  }
`);
