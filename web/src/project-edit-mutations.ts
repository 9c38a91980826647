import { graphql, type VariablesOf } from './graphql';

/** A new project, as a draft of the viewer's collectivité. */
export const CREATE_PROJECT_MUTATION = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      version
    }
  }
`);

export type CreateProjectInput = VariablesOf<typeof CREATE_PROJECT_MUTATION>['input'];

/** The fiche's fields; `version` is the one read (CONFLICT when someone changed it since). */
export const UPDATE_PROJECT_MUTATION = graphql(`
  mutation UpdateProject($id: ID!, $version: Int!, $input: ProjectFieldsInput!) {
    updateProject(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export type ProjectFieldsInput = VariablesOf<typeof UPDATE_PROJECT_MUTATION>['input'];

/** The whole état des lieux; `version` as for updateProject. */
export const UPDATE_DIAGNOSTIC_MUTATION = graphql(`
  mutation UpdateDiagnostic($id: ID!, $version: Int!, $input: DiagnosticInput!) {
    updateDiagnostic(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export type DiagnosticInput = VariablesOf<typeof UPDATE_DIAGNOSTIC_MUTATION>['input'];
