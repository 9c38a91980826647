import DataLoader from "dataloader";
import type { Viewer } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { FundingApplication } from "../entities/funding-application.entity";
import type { ApplicationServices } from "../services/funding-application.service";
import type { ProjectRights } from "../services/project-gate.service";

/** The Démarches Simplifiées half of a request's context: the process's services and this request's loaders. */
export interface ApplicationContext {
  services: ApplicationServices;
  /** A project's applications, oldest first (one statement per batch of projects). */
  byProject: DataLoader<string, FundingApplication[]>;
  byId: DataLoader<string, FundingApplication | null>;
  /** What the viewer may do on each project, asked of the projects subgraph as the viewer (one call per batch; null: not visible). */
  rights: DataLoader<string, ProjectRights | null>;
}

export function createApplicationContext(dataSource: DataSource, services: ApplicationServices, viewer: Viewer): ApplicationContext {
  const repository = dataSource.getRepository(FundingApplication);
  return {
    services,
    byProject: new DataLoader(async (projectIds) => {
      const rows = await repository.find({ where: { projectId: In([...projectIds]) }, order: { createdAt: "ASC", id: "ASC" } });
      return projectIds.map((id) => rows.filter((row) => row.projectId === id));
    }),
    byId: new DataLoader(async (ids) => {
      const rows = await repository.findBy({ id: In([...ids]) });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }),
    rights: new DataLoader((projectIds) => services.projects.rightsOf(viewer, projectIds)),
  };
}
