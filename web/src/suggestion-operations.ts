import { graphql, type ResultOf } from './graphql';

/** Whether the viewer may recommend to the project (and so see, confirm or discard its suggestions). */
export const PROJECT_RECOMMEND_RIGHT_QUERY = graphql(`
  query ProjectRecommendRight($projectId: ID!) {
    project(id: $projectId) {
      id
      viewerCan {
        recommend
      }
    }
  }
`);

/** The library's resources the suggestion rules propose for a project, each with why (the State side only). */
export const PROJECT_SUGGESTIONS_QUERY = graphql(`
  query ProjectSuggestions($projectId: ID!) {
    project(id: $projectId) {
      id
      suggestedResources {
        explanation
        matchedTags
        resource {
          id
          title
          summary
          kind
          provider {
            id
            name
          }
        }
      }
      discardedSuggestions {
        id
        reason
        discardedAt
        discardedBy {
          id
          name
        }
        resource {
          id
          title
        }
      }
    }
  }
`);

export type ResourceSuggestion = NonNullable<ResultOf<typeof PROJECT_SUGGESTIONS_QUERY>['project']['suggestedResources']>[number];

export type DiscardedSuggestion = NonNullable<ResultOf<typeof PROJECT_SUGGESTIONS_QUERY>['project']['discardedSuggestions']>[number];

export const DISCARD_SUGGESTION_MUTATION = graphql(`
  mutation DiscardSuggestion($projectId: ID!, $resourceId: ID!, $reason: String) {
    discardSuggestion(projectId: $projectId, resourceId: $resourceId, reason: $reason) {
      reason
      discardedAt
      resource {
        id
      }
    }
  }
`);

/** Restores a discarded suggestion: suggested again (if the rules still call for it); the discard stays in the history. */
export const RESTORE_SUGGESTION_MUTATION = graphql(`
  mutation RestoreSuggestion($projectId: ID!, $resourceId: ID!) {
    restoreSuggestion(projectId: $projectId, resourceId: $resourceId) {
      id
      restoredAt
      resource {
        id
      }
    }
  }
`);
