import { gql } from 'urql';
import { ACTIVITY_FIELDS, type ActivityEntry } from './project-fiche-query';

export interface ProjectActivityData {
  projectActivity: ActivityEntry;
}

export interface ProjectActivityVariables {
  projectId: string;
  /** The last activity id already shown: the server first replays what came after it. */
  after: string;
}

export const PROJECT_ACTIVITY_SUBSCRIPTION = gql<ProjectActivityData, ProjectActivityVariables>`
  subscription ProjectActivity($projectId: ID!, $after: String) {
    projectActivity(projectId: $projectId, after: $after) { ${ACTIVITY_FIELDS} }
  }
`;
