import { graphql } from './graphql';

/** The signed-in person's id (to assign a project to oneself). */
export const ME_QUERY = graphql(`
  query Me {
    me {
      id
    }
  }
`);
