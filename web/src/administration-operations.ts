import { graphql, type ResultOf } from './graphql';

/** What a row of the administration's people shows; personChanged carries it too, so the cache holds each row's state. */
export const ADMINISTERED_PERSON_FIELDS = graphql(`
  fragment AdministeredPersonFields on Person @_unmask {
    id
    name
    email
    status
    memberships {
      role
      organization {
        id
        name
      }
    }
  }
`);

/** Every account (ANCT national agents), by name, with its organisations and status: the administration's list of people. */
export const PEOPLE_QUERY = graphql(
  `
    query People($filter: PeopleFilter, $first: Int, $after: String) {
      people(filter: $filter, first: $first, after: $after) {
        edges {
          node {
            ...AdministeredPersonFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [ADMINISTERED_PERSON_FIELDS],
);

/**
 * Each account once changed, by anyone (another administrator's suspension, an invitation, a
 * first sign-in...), as a row shows it: the cache writes it in place, and `src/graphql-cache.ts`
 * reads again the lists of people it may enter or leave.
 */
export const PERSON_CHANGED_SUBSCRIPTION = graphql(
  `
    subscription PersonChanged {
      personChanged {
        ...AdministeredPersonFields
      }
    }
  `,
  [ADMINISTERED_PERSON_FIELDS],
);

export type AdministeredPerson = ResultOf<typeof PEOPLE_QUERY>['people']['edges'][number]['node'];

export const SUSPEND_PERSON_MUTATION = graphql(`
  mutation SuspendPerson($id: ID!) {
    suspendPerson(id: $id) {
      id
      status
    }
  }
`);

export const REACTIVATE_PERSON_MUTATION = graphql(`
  mutation ReactivatePerson($id: ID!) {
    reactivatePerson(id: $id) {
      id
      status
    }
  }
`);

/** An invitation into an organisation; the role comes from the organisation's kind (the API decides it). */
export const INVITE_PERSON_MUTATION = graphql(`
  mutation InvitePerson($input: InvitePersonInput!) {
    invitePerson(input: $input) {
      id
      role
      organization {
        id
        name
      }
    }
  }
`);

/** Programmes' API keys, newest first. */
export const API_KEYS_QUERY = graphql(`
  query ApiKeys {
    apiKeys(first: 100) {
      edges {
        node {
          id
          name
          prefix
          scopes
          createdAt
          revokedAt
        }
      }
    }
  }
`);

export type AdministeredApiKey = ResultOf<typeof API_KEYS_QUERY>['apiKeys']['edges'][number]['node'];

export const CREATE_API_KEY_MUTATION = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
      }
    }
  }
`);

export const REVOKE_API_KEY_MUTATION = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);
