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

/** The figures of the projects matching a filter (a territory, programme, theme, status, phase, creation days). */
export const PORTFOLIO_QUERY = graphql(`
  query DashboardPortfolio($filter: PortfolioFilter) {
    portfolio(filter: $filter) {
      currentAt
      projectCount
      byStatus {
        status
        count
      }
      byTheme {
        key
        count
      }
      byProgramme {
        key
        count
      }
      byPhase {
        key
        count
      }
      amounts {
        budget
        amountRequested
        amountGranted
      }
      medianDays {
        toQualification
        toAssignment
        toFundingDecision
      }
      inactiveProjectCount
    }
    portfolioSeries(interval: MONTH, filter: $filter) {
      currentAt
      points {
        period
        created
        submitted
        fundingDecided
        amountGranted
      }
    }
  }
`);

export type DashboardPortfolio = ResultOf<typeof PORTFOLIO_QUERY>['portfolio'];
export type DashboardSeriesPoint = ResultOf<typeof PORTFOLIO_QUERY>['portfolioSeries']['points'][number];
