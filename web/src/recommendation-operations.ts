import { graphql, type ResultOf, type VariablesOf } from './graphql';

const RECOMMENDATION_FIELDS = graphql(`
  fragment RecommendationFields on Recommendation @_unmask {
    id
    title
    why
    whatToDo
    contactText
    deadline
    priority
    status
    visibility
    publishedAt
    createdAt
    viewerHasRead
    version
    viewerCanEdit
    author {
      id
      name
    }
    resource {
      id
      title
    }
    contact {
      id
      name
      role
      email
      phone
    }
    followUps {
      id
      status
      comment
      createdAt
    }
    readBy {
      readAt
      reader {
        id
        name
      }
    }
  }
`);

/** A project's recommendations, oldest first (drafts for the State side only). */
export const PROJECT_RECOMMENDATIONS_QUERY = graphql(
  `
    query ProjectRecommendations($projectId: ID!) {
      project(id: $projectId) {
        id
        recommendations(first: 100) {
          totalCount
          edges {
            node {
              ...RecommendationFields
            }
          }
        }
      }
    }
  `,
  [RECOMMENDATION_FIELDS],
);

export type Recommendation = ResultOf<typeof PROJECT_RECOMMENDATIONS_QUERY>['project']['recommendations']['edges'][number]['node'];

export const RECOMMEND_MUTATION = graphql(`
  mutation Recommend($input: RecommendInput!) {
    recommend(input: $input) {
      id
      visibility
    }
  }
`);

export type RecommendInput = VariablesOf<typeof RECOMMEND_MUTATION>['input'];
export type RecommendationStatus = ResultOf<typeof PROJECT_RECOMMENDATIONS_QUERY>['project']['recommendations']['edges'][number]['node']['status'];

export const PUBLISH_RECOMMENDATION_MUTATION = graphql(`
  mutation PublishRecommendation($id: ID!) {
    publishRecommendation(id: $id) {
      id
      visibility
      publishedAt
    }
  }
`);

/** Edits a recommendation (its author or the State side), with the version read: CONFLICT when someone changed it meanwhile. */
export const UPDATE_RECOMMENDATION_MUTATION = graphql(`
  mutation UpdateRecommendation($id: ID!, $version: Int!, $input: RecommendationChangesInput!) {
    updateRecommendation(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export type RecommendationChanges = VariablesOf<typeof UPDATE_RECOMMENDATION_MUTATION>['input'];

/** Deletes a recommendation (soft: its follow-ups and journal stay); returns the project's new count. */
export const DELETE_RECOMMENDATION_MUTATION = graphql(`
  mutation DeleteRecommendation($id: ID!) {
    deleteRecommendation(id: $id) {
      id
      recommendations(first: 1) {
        totalCount
      }
    }
  }
`);

export const FOLLOW_UP_RECOMMENDATION_MUTATION = graphql(`
  mutation FollowUpRecommendation($id: ID!, $status: RecommendationStatus!, $comment: String) {
    followUpRecommendation(id: $id, status: $status, comment: $comment) {
      id
      status
    }
  }
`);

export const MARK_RECOMMENDATION_READ_MUTATION = graphql(`
  mutation MarkRecommendationRead($id: ID!) {
    markRecommendationRead(id: $id) {
      id
      viewerHasRead
    }
  }
`);

/** Projects the viewer sees whose title matches, to recommend a sheet to one of them. */
export const PROJECT_PICK_QUERY = graphql(`
  query ProjectPick($search: String) {
    projects(first: 10, filter: { search: $search }) {
      edges {
        node {
          id
          title
          territory {
            id
            name
          }
        }
      }
    }
  }
`);
