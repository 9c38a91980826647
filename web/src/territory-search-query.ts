import { graphql, type ResultOf } from './graphql';

/** Territories by name prefix, INSEE code, SIREN or postcode, most populated first. */
export const TERRITORY_SEARCH_QUERY = graphql(`
  query TerritorySearch($search: String!, $kind: TerritoryKind) {
    territories(search: $search, kind: $kind, first: 8) {
      edges {
        node {
          id
          kind
          code
          name
          departement {
            name
          }
        }
      }
    }
  }
`);

export type TerritoryOption = ResultOf<typeof TERRITORY_SEARCH_QUERY>['territories']['edges'][number]['node'];
