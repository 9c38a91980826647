import { groupLoader, isUuid, rowLoader } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { ProjectActor, ProjectAssignee } from "../entities/participants.entity";
import { Project } from "../entities/project.entity";

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request DataLoaders of this subgraph: one SQL statement per batch. */
export function createLoaders(dataSource: DataSource) {
  return {
    project: rowLoader<string, Project>((ids) => dataSource.getRepository(Project).findBy({ id: In(ids.filter(isUuid)) }), (p) => p.id),
    actors: groupLoader<string, ProjectActor>((ids) => dataSource.getRepository(ProjectActor).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { addedAt: "ASC" } }), (a) => a.projectId),
    assignees: groupLoader<string, ProjectAssignee>(
      (ids) => dataSource.getRepository(ProjectAssignee).find({ where: { projectId: In(ids.filter(isUuid)) }, order: { assignedAt: "ASC" } }),
      (a) => a.projectId,
    ),
  };
}
