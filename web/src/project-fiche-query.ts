import { graphql, type ResultOf } from './graphql';

/** Fields shared by the journal query and the live subscription (unmasked: read as plain fields). */
export const ACTIVITY_FIELDS = graphql(`
  fragment ActivityFields on Activity @_unmask {
    id
    at
    kind
    summary
    actor {
      id
      name
    }
  }
`);

/** What the viewer may do on the project now (Project.viewerCan). */
export const VIEWER_CAN_FIELDS = graphql(`
  fragment ViewerCanFields on ProjectRights @_unmask {
    transitions
    edit
    comment
    internalNotes
    recommend
  }
`);

/**
 * Everything the fiche shows of a project but its journal: read with the fiche, and carried by
 * each event of the fiche's live journal, so that urql's cache holds the project's new state
 * (status, priority, assignees, documents, actions...) and every tab shows it without a refetch.
 */
export const PROJECT_FICHE_FIELDS = graphql(
  `
    fragment ProjectFicheFields on Project @_unmask {
      id
      version
      title
      description
      status
      phase
      themes
      programmes
      budgetEuros
      startDate
      endDate
      priority
      blockedReason
      statusReason
      unreadCount
      createdAt
      territories {
        id
        name
        kind
        departement {
          id
        }
      }
      owner {
        id
        name
      }
      diagnostic {
        needs
        blockers
        partners
        financingPlan {
          source
          amountEuros
          secured
        }
        calendar
        maturity
      }
      actions {
        id
        title
        description
        status
      }
      documents {
        id
        name
        size
        createdAt
        url
        viewerCanDelete
      }
      assignees {
        person {
          id
          name
          organization {
            id
            name
          }
        }
        theme
        assignedAt
      }
      actors {
        id
        name
        kind
      }
      viewerCan {
        ...ViewerCanFields
      }
    }
  `,
  [VIEWER_CAN_FIELDS],
);

/** The fiche, its actors and the first 50 entries of its journal (oldest first); the conversation and the funding are apart. */
export const PROJECT_FICHE_QUERY = graphql(
  `
    query ProjectFiche($id: ID!) {
      project(id: $id) {
        ...ProjectFicheFields
        activity(first: 50) {
          edges {
            node {
              ...ActivityFields
            }
          }
        }
      }
    }
  `,
  [PROJECT_FICHE_FIELDS, ACTIVITY_FIELDS],
);

export type ProjectFiche = ResultOf<typeof PROJECT_FICHE_QUERY>['project'];
export type Diagnostic = ProjectFiche['diagnostic'];
export type ProjectAction = ProjectFiche['actions'][number];
export type ProjectDocument = ProjectFiche['documents'][number];
export type ProjectRights = ProjectFiche['viewerCan'];
/** One entry of a project's journal (query and subscription alike). */
export type ActivityEntry = ResultOf<typeof ACTIVITY_FIELDS>;
