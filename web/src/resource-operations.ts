import { graphql, type ResultOf, type VariablesOf } from './graphql';

/** A page of the library: published sheets (or the viewer's drafts and archives), best match first for words. */
export const RESOURCE_LIST_QUERY = graphql(`
  query ResourceList($first: Int!, $after: String, $filter: ResourceFilter) {
    resources(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          summary
          kind
          status
          themes
          national
          territories {
            id
            name
          }
          provider {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type ResourceListData = ResultOf<typeof RESOURCE_LIST_QUERY>;
export type ResourceEdge = ResourceListData['resources']['edges'][number];
export type ResourceFilter = NonNullable<VariablesOf<typeof RESOURCE_LIST_QUERY>['filter']>;

const CONTACT_FIELDS = graphql(`
  fragment ContactFields on Contact @_unmask {
    id
    kind
    name
    role
    email
    phone
    organization {
      id
      name
    }
  }
`);

/** A resource sheet, with its contacts, provider, territories and versions. */
export const RESOURCE_SHEET_QUERY = graphql(
  `
    query ResourceSheet($id: ID!) {
      resource(id: $id) {
        id
        title
        summary
        body
        kind
        status
        themes
        national
        expired
        live
        expiresAt
        url
        version
        updatedAt
        viewerCanEdit
        territories {
          id
          name
        }
        provider {
          ...ContactFields
        }
        contacts {
          ...ContactFields
        }
        owner {
          id
          name
        }
        versions {
          version
          editedAt
          status
          editedBy {
            id
            name
          }
        }
      }
    }
  `,
  [CONTACT_FIELDS],
);

export type ResourceSheet = ResultOf<typeof RESOURCE_SHEET_QUERY>['resource'];
export type ResourceContact = ResourceSheet['contacts'][number];

/** The contact book by words, best match first (a sheet's provider and contacts, a recommendation's contact); `kind` narrows it. */
export const CONTACT_SEARCH_QUERY = graphql(`
  query ContactSearch($search: String, $kind: ContactKind) {
    contacts(search: $search, kind: $kind, first: 8) {
      edges {
        node {
          id
          kind
          name
          role
          organization {
            id
            name
          }
        }
      }
    }
  }
`);

export type ContactKind = NonNullable<VariablesOf<typeof CONTACT_SEARCH_QUERY>['kind']>;

export const CREATE_RESOURCE_MUTATION = graphql(`
  mutation CreateResource($input: ResourceInput!) {
    createResource(input: $input) {
      id
    }
  }
`);

/** Edits a sheet; answers its version, provider and contacts (the cache shows them before the sheet is read again). */
export const UPDATE_RESOURCE_MUTATION = graphql(
  `
    mutation UpdateResource($id: ID!, $version: Int!, $input: ResourceUpdateInput!) {
      updateResource(id: $id, version: $version, input: $input) {
        id
        version
        provider {
          ...ContactFields
        }
        contacts {
          ...ContactFields
        }
      }
    }
  `,
  [CONTACT_FIELDS],
);

export const SET_RESOURCE_STATUS_MUTATION = graphql(`
  mutation SetResourceStatus($id: ID!, $version: Int!, $status: ResourceStatus!) {
    setResourceStatus(id: $id, version: $version, status: $status) {
      id
      status
      version
    }
  }
`);

export type ResourceInput = VariablesOf<typeof CREATE_RESOURCE_MUTATION>['input'];
export type ResourceKind = ResourceInput['kind'];
