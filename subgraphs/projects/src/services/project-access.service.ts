import { isUuid, notFound, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { ProjectActor } from "../entities/participants.entity";
import { Project as ProjectEntity } from "../entities/project.entity";
import type { Project } from "../entities/project.entity";
import type { Loaders } from "../loaders";
import { canSeeProject, factsOf } from "../rules/visibility";

/** A project the viewer may see, or null: an invisible project is indistinguishable from none. */
export async function visibleProject(loaders: Loaders, viewer: Viewer, id: string): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const [project, actors] = await Promise.all([loaders.project.load(id), loaders.actors.load(id)]);
  if (!project) return null;
  return canSeeProject(
    viewer,
    factsOf(
      project,
      actors.map((a) => a.organizationId),
    ),
  )
    ? project
    : null;
}

/** The project if the viewer sees it, read outside a request's loaders; NOT_FOUND otherwise, as for a missing one. */
export async function requireVisibleProject(dataSource: DataSource, viewer: Viewer, projectId: string): Promise<Project> {
  const project = isUuid(projectId) ? await dataSource.getRepository(ProjectEntity).findOneBy({ id: projectId }) : null;
  if (!project || !(await seesProject(dataSource.manager, viewer, project))) throw notFound(`No project ${projectId.slice(0, 60)}`);
  return project;
}

/** Whether the viewer sees a project read outside a request's loaders (its actors read with the same manager, inside its transaction when there is one). */
export async function seesProject(manager: EntityManager, viewer: Viewer, project: Project): Promise<boolean> {
  const actors = await manager.getRepository(ProjectActor).findBy({ projectId: project.id });
  return canSeeProject(
    viewer,
    factsOf(
      project,
      actors.map((a) => a.organizationId),
    ),
  );
}
