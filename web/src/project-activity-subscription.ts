import { graphql } from './graphql';
import { ACTIVITY_FIELDS, PROJECT_FICHE_FIELDS } from './project-fiche-query';

/**
 * A project's activity; `after` is the last activity id already shown: the server first replays
 * what came after it. Each event carries the project as the fiche shows it, written to urql's
 * cache: the open fiche follows the change (status, priority, assignees, documents...) without
 * reading itself again.
 */
export const PROJECT_ACTIVITY_SUBSCRIPTION = graphql(
  `
    subscription ProjectActivity($projectId: ID!, $after: String) {
      projectActivity(projectId: $projectId, after: $after) {
        ...ActivityFields
        project {
          ...ProjectFicheFields
        }
      }
    }
  `,
  [ACTIVITY_FIELDS, PROJECT_FICHE_FIELDS],
);
