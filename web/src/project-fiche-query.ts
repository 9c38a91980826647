import { gql } from 'urql';

export interface FinancingLine {
  source: string;
  amountEuros: number;
  secured: boolean;
}

export interface Diagnostic {
  needs: string | null;
  blockers: string | null;
  partners: string[];
  financingPlan: FinancingLine[];
  calendar: string | null;
  maturity: string | null;
}

export interface ProjectAction {
  id: string;
  title: string;
  description: string;
  status: string;
}

export interface ProjectDocument {
  id: string;
  name: string;
  size: number;
  createdAt: string;
  url: string;
}

/** One entry of a project's journal (query and subscription alike). */
export interface ActivityEntry {
  id: string;
  at: string;
  kind: string;
  summary: string;
  actor: { id: string; name: string | null } | null;
}

/** What the viewer may do on the project now (Project.viewerCan). */
export interface ProjectRights {
  transitions: string[];
  edit: boolean;
  comment: boolean;
  internalNotes: boolean;
}

export const VIEWER_CAN_FIELDS = 'transitions edit comment internalNotes';

export interface ProjectFiche {
  id: string;
  title: string;
  description: string;
  status: string;
  phase: string;
  themes: string[];
  programmes: string[];
  budgetEuros: number | null;
  startDate: string | null;
  endDate: string | null;
  priority: string | null;
  blockedReason: string | null;
  statusReason: string | null;
  createdAt: string;
  territories: { id: string; name: string }[];
  owner: { id: string; name: string } | null;
  diagnostic: Diagnostic;
  actions: ProjectAction[];
  documents: ProjectDocument[];
  activity: { edges: { node: ActivityEntry }[] };
  viewerCan: ProjectRights;
}

export interface ProjectFicheData {
  project: ProjectFiche;
}

/** Fields shared by the journal query and the live subscription. */
export const ACTIVITY_FIELDS = 'id at kind summary actor { id name }';

/** The fiche and the first 50 entries of its journal (oldest first); the conversation is apart. */
export const PROJECT_FICHE_QUERY = gql<ProjectFicheData, { id: string }>`
  query ProjectFiche($id: ID!) {
    project(id: $id) {
      id
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
      createdAt
      territories { id name }
      owner { id name }
      diagnostic { needs blockers partners financingPlan { source amountEuros secured } calendar maturity }
      actions { id title description status }
      documents { id name size createdAt url }
      activity(first: 50) { edges { node { ${ACTIVITY_FIELDS} } } }
      viewerCan { ${VIEWER_CAN_FIELDS} }
    }
  }
`;
