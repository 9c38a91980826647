import { graphql, type ResultOf, type VariablesOf } from './graphql';

/** The board of a territory: one column per status past the draft, with counts and its first cards. */
export const PROJECT_BOARD_QUERY = graphql(`
  query ProjectBoard($territoryId: ID!, $cards: Int) {
    projectBoard(territoryId: $territoryId, cards: $cards) {
      totalCount
      territory {
        id
        name
      }
      columns {
        status
        count
        inactiveCount
        projects {
          id
          title
          status
          priority
          themes
          updatedAt
          blockedReason
          territory {
            id
            name
          }
          inactive {
            reason
          }
        }
      }
    }
  }
`);

/** Moves a card to another column: the lifecycle step there. */
export const MOVE_PROJECT_CARD_MUTATION = graphql(`
  mutation MoveProjectCard($input: MoveCardInput!) {
    moveProjectCard(input: $input) {
      id
      status
      priority
      updatedAt
    }
  }
`);

export type Board = ResultOf<typeof PROJECT_BOARD_QUERY>['projectBoard'];
export type BoardColumn = Board['columns'][number];
export type BoardCard = BoardColumn['projects'][number];
export type MoveCardInput = VariablesOf<typeof MOVE_PROJECT_CARD_MUTATION>['input'];
