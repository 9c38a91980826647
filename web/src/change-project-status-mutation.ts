import { graphql, type VariablesOf } from './graphql';
import { VIEWER_CAN_FIELDS } from './project-fiche-query';

export const CHANGE_PROJECT_STATUS_MUTATION = graphql(
  `
    mutation ChangeProjectStatus($input: TransitionInput!) {
      changeProjectStatus(input: $input) {
        id
        status
        priority
        statusReason
        viewerCan {
          ...ViewerCanFields
        }
      }
    }
  `,
  [VIEWER_CAN_FIELDS],
);

export type TransitionInput = VariablesOf<typeof CHANGE_PROJECT_STATUS_MUTATION>['input'];
