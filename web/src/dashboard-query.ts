import { graphql, type ResultOf } from './graphql';

/** France: the régions with their counts (submitted projects onwards; drafts are never counted). */
export const REGIONS_STATS_QUERY = graphql(`
  query RegionsStats {
    territories(kind: REGION, first: 30) {
      edges {
        node {
          id
          name
          kind
          stats {
            projectCount
            byStatus {
              status
              count
            }
          }
        }
      }
    }
  }
`);

/** A territory's counts by status, and its direct members' (départements of a région, communes of a département...). */
export const TERRITORY_STATS_QUERY = graphql(`
  query TerritoryStats($id: ID!) {
    territory(id: $id) {
      id
      name
      kind
      stats {
        projectCount
        byStatus {
          status
          count
        }
      }
      members(first: 100) {
        edges {
          node {
            id
            name
            kind
            stats {
              projectCount
              byStatus {
                status
                count
              }
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

export type TerritoryStatsRow = ResultOf<typeof REGIONS_STATS_QUERY>['territories']['edges'][number]['node'];
