import { callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import type { ProjectData } from "../rules/prefill-mapping";

const RIGHTS_QUERY = `query FundingProjectRights($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Project { id viewerCan { edit } } }
}`;

const DATA_QUERY = `query FundingProjectData($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Project { id title description budgetEuros startDate endDate territory { id } territories { id } diagnostic { needs } }
  }
}`;

interface RawProject {
  id: string;
  title: string;
  description: string;
  budgetEuros: number | null;
  startDate: string | null;
  endDate: string | null;
  territory: { id: string };
  territories: { id: string }[];
  diagnostic: { needs: string | null } | null;
}

/**
 * Funding's view of projects, which it does not own: it asks the projects subgraph. Whether a
 * viewer sees and may act on a project is asked as that viewer (the projects subgraph applies its
 * own rules; an invisible project resolves to null), the project's data as the service.
 */
export class ProjectGate {
  constructor(
    private readonly projectsUrl: string,
    private readonly secret: string,
  ) {}

  /** Null when the viewer may not see the project (or it does not exist); else whether the viewer may edit it. */
  async rights(viewer: Viewer, projectId: string): Promise<{ edit: boolean } | null> {
    const data = await callSubgraph<{ _entities: ({ id: string; viewerCan: { edit: boolean } } | null)[] }>(this.projectsUrl, this.secret, viewer, RIGHTS_QUERY, {
      representations: [{ __typename: "Project", id: projectId }],
    });
    const project = data._entities[0];
    return project ? { edit: project.viewerCan.edit } : null;
  }

  /** The data a démarche may be pre-filled with, read as the service (after `rights`). */
  async data(projectId: string): Promise<ProjectData | null> {
    const data = await callSubgraph<{ _entities: (RawProject | null)[] }>(this.projectsUrl, this.secret, SERVICE_VIEWER, DATA_QUERY, {
      representations: [{ __typename: "Project", id: projectId }],
    });
    const p = data._entities[0];
    if (!p) return null;
    const territoryIds = [p.territory.id, ...p.territories.map((t) => t.id).filter((id) => id !== p.territory.id)];
    return { id: p.id, title: p.title, description: p.description, budgetEuros: p.budgetEuros, startDate: p.startDate, endDate: p.endDate, territoryIds, needs: p.diagnostic?.needs ?? null };
  }
}
