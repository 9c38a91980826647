import { graphql, type ResultOf } from './graphql';

/** The aids that fit the project (best first, with why), its Démarches Simplifiées dossiers and the démarches the hub pre-fills. */
export const PROJECT_FUNDING_QUERY = graphql(`
  query ProjectFunding($id: ID!, $kind: FundingKind) {
    project(id: $id) {
      id
      fundingOpportunities(first: 10, kind: $kind) {
        edges {
          node {
            id
            name
            url
            kind
            score
            reasons
            financers
            submissionDeadline
            stale
          }
        }
      }
      fundingApplications {
        id
        procedure
        dossierNumber
        dossierUrl
        status
        amountRequested
        amountGranted
        updatedAt
      }
    }
    fundingProcedures {
      key
      name
      description
    }
  }
`);

export type ProjectFunding = ResultOf<typeof PROJECT_FUNDING_QUERY>;
export type FundingOpportunityNode = NonNullable<ProjectFunding['project']['fundingOpportunities']>['edges'][number]['node'];
export type FundingApplicationNode = NonNullable<ProjectFunding['project']['fundingApplications']>[number];

/** Pre-fills a dossier on Démarches Simplifiées; or says what the project lacks. */
export const PREPARE_FUNDING_APPLICATION_MUTATION = graphql(`
  mutation PrepareFundingApplication($projectId: ID!, $procedure: String!) {
    prepareFundingApplication(projectId: $projectId, procedure: $procedure) {
      __typename
      ... on FundingApplicationPrepared {
        url
        application {
          id
          status
        }
      }
      ... on FundingApplicationIncomplete {
        message
        missing {
          champ
          message
        }
      }
    }
  }
`);

export const REFRESH_FUNDING_APPLICATIONS_MUTATION = graphql(`
  mutation RefreshFundingApplications($projectId: ID!) {
    refreshFundingApplications(projectId: $projectId) {
      id
      status
    }
  }
`);
