import { graphql, type ResultOf } from './graphql';

/**
 * The counts every view of the dashboard shows: projects, and projects by status. Drafts count
 * only for the organisations that may see them (their collectivité and the organisations
 * associated with them); State agents, ANCT, analysts and programmes never count a draft.
 */
export const STATUS_COUNTS = graphql(`
  fragment StatusCounts on Portfolio @_unmask {
    currentAt
    projectCount
    byStatus {
      status
      count
    }
  }
`);

/** France: the régions with their counts. */
export const REGIONS_STATS_QUERY = graphql(
  `
    query RegionsStats {
      territories(kind: REGION, first: 30) {
        edges {
          node {
            id
            name
            kind
            stats {
              ...StatusCounts
            }
          }
        }
      }
    }
  `,
  [STATUS_COUNTS],
);

/** A territory's counts by status, and its direct members' (départements of a région, communes of a département...). */
export const TERRITORY_STATS_QUERY = graphql(
  `
    query TerritoryStats($id: ID!) {
      territory(id: $id) {
        id
        name
        kind
        stats {
          ...StatusCounts
        }
        members(first: 100) {
          edges {
            node {
              id
              name
              kind
              stats {
                ...StatusCounts
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  `,
  [STATUS_COUNTS],
);

export type TerritoryStatsRow = ResultOf<typeof REGIONS_STATS_QUERY>['territories']['edges'][number]['node'];

/** The figures of the projects matching a filter (a territory, programme, theme, status, phase, creation days). */
export const PORTFOLIO_QUERY = graphql(
  `
    query DashboardPortfolio($filter: PortfolioFilter) {
      portfolio(filter: $filter) {
        currentAt
        ...StatusCounts
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
  `,
  [STATUS_COUNTS],
);

export type DashboardPortfolio = ResultOf<typeof PORTFOLIO_QUERY>['portfolio'];
export type DashboardSeriesPoint = ResultOf<typeof PORTFOLIO_QUERY>['portfolioSeries']['points'][number];
