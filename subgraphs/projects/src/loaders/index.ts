import { isUuid, rowLoader } from "@hub/kit";
import { In, type DataSource } from "typeorm";
import { Project } from "../entities/project.entity";

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request DataLoaders of this subgraph: one SQL statement per batch. */
export function createLoaders(dataSource: DataSource) {
  return {
    project: rowLoader<string, Project>((ids) => dataSource.getRepository(Project).findBy({ id: In(ids.filter(isUuid)) }), (p) => p.id),
  };
}
