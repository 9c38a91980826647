import { callSubgraph, SERVICE_VIEWER, type Viewer } from "@hub/kit";
import type { ProjectData } from "../rules/prefill-mapping";

const RIGHTS_QUERY = `query FundingProjectRights($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Project { id viewerCan { edit recommend } } }
}`;

const DATA_QUERY = `query FundingProjectData($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Project { id title description budgetEuros startDate endDate territory { id } territories { id } diagnostic { needs } }
  }
}`;

/** What the viewer may do on a project, as the projects subgraph says. */
export interface ProjectRights {
  edit: boolean;
  /** Recommend to it, and confirm or discard suggestions (the State side). */
  recommend: boolean;
}

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

  /** Null when the viewer may not see the project (or it does not exist); else whether the viewer may edit it, and recommend to it. */
  async rights(viewer: Viewer, projectId: string): Promise<ProjectRights | null> {
    return (await this.rightsOf(viewer, [projectId]))[0];
  }

  /** `rights` of several projects in one call, in the order of `projectIds`. */
  async rightsOf(viewer: Viewer, projectIds: readonly string[]): Promise<(ProjectRights | null)[]> {
    const data = await callSubgraph<{ _entities: ({ id: string; viewerCan: ProjectRights } | null)[] }>(this.projectsUrl, this.secret, viewer, RIGHTS_QUERY, {
      representations: projectIds.map((id) => ({ __typename: "Project", id })),
    });
    return data._entities.map((project) => (project ? { edit: project.viewerCan.edit, recommend: project.viewerCan.recommend } : null));
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
