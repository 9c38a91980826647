import { gql } from 'urql';
import { VIEWER_CAN_FIELDS, type ProjectRights } from './project-fiche-query';

export interface ChangeProjectStatusData {
  changeProjectStatus: { id: string; status: string; priority: string | null; statusReason: string | null; viewerCan: ProjectRights };
}

export interface TransitionInput {
  projectId: string;
  transition: string;
  reason?: string;
  priority?: string;
  assignees?: { personId: string; theme: string | null }[];
}

export const CHANGE_PROJECT_STATUS_MUTATION = gql<ChangeProjectStatusData, { input: TransitionInput }>`
  mutation ChangeProjectStatus($input: TransitionInput!) {
    changeProjectStatus(input: $input) { id status priority statusReason viewerCan { ${VIEWER_CAN_FIELDS} } }
  }
`;
