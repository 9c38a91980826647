import { graphql, type ResultOf } from './graphql';

/** The members of an organisation (a DDT, a préfecture), by name, with the themes each follows: the agents a project may be assigned to. */
export const AGENTS_QUERY = graphql(`
  query Agents($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
      members(first: 100) {
        edges {
          node {
            id
            name
            themes
          }
        }
      }
    }
  }
`);

export type Agent = ResultOf<typeof AGENTS_QUERY>['organization']['members']['edges'][number]['node'];

export const BLOCK_PROJECT_MUTATION = graphql(`
  mutation BlockProject($id: ID!, $reason: String!) {
    blockProject(id: $id, reason: $reason) {
      id
      blockedReason
    }
  }
`);

export const UNBLOCK_PROJECT_MUTATION = graphql(`
  mutation UnblockProject($id: ID!) {
    unblockProject(id: $id) {
      id
      blockedReason
    }
  }
`);

/** Organisations by words of their name (experts, operators... to associate with a project). */
export const ORGANIZATION_SEARCH_QUERY = graphql(`
  query OrganizationSearch($search: String!) {
    organizations(search: $search, first: 8) {
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`);

export type FoundOrganization = ResultOf<typeof ORGANIZATION_SEARCH_QUERY>['organizations']['edges'][number]['node'];

export const ASSOCIATE_ORGANIZATION_MUTATION = graphql(`
  mutation AssociateOrganization($projectId: ID!, $organizationId: ID!) {
    associateOrganization(projectId: $projectId, organizationId: $organizationId) {
      id
      actors {
        id
        name
        kind
      }
    }
  }
`);
