import { graphql, type VariablesOf } from './graphql';

export const ADD_ACTION_MUTATION = graphql(`
  mutation AddAction($projectId: ID!, $title: String!, $description: String) {
    addAction(projectId: $projectId, title: $title, description: $description) {
      id
    }
  }
`);

export const SET_ACTION_STATUS_MUTATION = graphql(`
  mutation SetActionStatus($id: ID!, $status: ActionStatus!) {
    setActionStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

export type ActionStatus = VariablesOf<typeof SET_ACTION_STATUS_MUTATION>['status'];
