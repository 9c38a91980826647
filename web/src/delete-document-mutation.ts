import { graphql } from './graphql';

/** Deletes a document and its file (its uploader, or the collectivité carrying the project); answers the project's documents left. */
export const DELETE_DOCUMENT_MUTATION = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id) {
      id
      documents {
        id
      }
    }
  }
`);
