import { graphql } from './graphql';
import { ACTIVITY_FIELDS } from './project-fiche-query';

/** A project's activity; `after` is the last activity id already shown: the server first replays what came after it. */
export const PROJECT_ACTIVITY_SUBSCRIPTION = graphql(
  `
    subscription ProjectActivity($projectId: ID!, $after: String) {
      projectActivity(projectId: $projectId, after: $after) {
        ...ActivityFields
      }
    }
  `,
  [ACTIVITY_FIELDS],
);
