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

/**
 * The activities of the board's territory, from `after` on: each carries its project's status,
 * and `src/graphql-cache.ts` reads the boards (and maps) shown again, so a card moved, a project
 * submitted or assigned elsewhere shows without a reload.
 */
export const BOARD_ACTIVITY_SUBSCRIPTION = graphql(`
  subscription BoardActivity($after: String, $territoryId: ID) {
    projectActivity(after: $after, territoryId: $territoryId) {
      id
      kind
      project {
        id
        status
        priority
        updatedAt
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
