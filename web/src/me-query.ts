import { gql } from 'urql';

export interface MeData {
  me: { id: string };
}

/** The signed-in person's id (to assign a project to oneself). */
export const ME_QUERY = gql<MeData, Record<string, never>>`
  query Me {
    me {
      id
    }
  }
`;
