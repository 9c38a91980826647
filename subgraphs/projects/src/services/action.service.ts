import { authorize, badInput, isUuid, notFound, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { ActionStatus, ProjectAction } from "../entities/action.entity";
import { ActivityKind } from "../entities/activity.entity";
import { appendActivity } from "./activity.service";
import { requireVisibleProject } from "./project-access.service";

const STATUS_LABELS: Record<ActionStatus, string> = {
  PROPOSED: "proposée",
  IN_PROGRESS: "en cours",
  BLOCKED: "bloquée",
  DONE: "réalisée",
  NOT_RELEVANT: "sans objet",
};

/** Proposes an action or recommendation (those who take part in the project). */
export async function addAction(dataSource: DataSource, viewer: Viewer, input: { projectId: string; title: string; description?: string | null }): Promise<ProjectAction> {
  authorize(viewer, "project:comment");
  const title = input.title.trim();
  const description = (input.description ?? "").trim();
  if (title === "" || title.length > 200) throw badInput("title must be 1 to 200 characters", "title");
  if (description.length > 5000) throw badInput("description must be at most 5,000 characters", "description");
  const project = await requireVisibleProject(dataSource, viewer, input.projectId);
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(ProjectAction);
    const action = await repository.save(repository.create({ projectId: project.id, title, description, createdBy: viewer.personId }));
    await appendActivity(manager, { kind: ActivityKind.ACTION_ADDED, projectId: project.id, actorId: viewer.personId, summary: `Action « ${title} » proposée`, payload: { actionId: action.id } });
    return action;
  });
}

/** Moves an action to another status (those who take part in the project). */
export async function setActionStatus(dataSource: DataSource, viewer: Viewer, id: string, status: ActionStatus): Promise<ProjectAction> {
  authorize(viewer, "project:comment");
  const action = isUuid(id) ? await dataSource.getRepository(ProjectAction).findOneBy({ id }) : null;
  if (!action) throw notFound(`No action ${id.slice(0, 60)}`);
  await requireVisibleProject(dataSource, viewer, action.projectId).catch(() => {
    throw notFound(`No action ${id}`);
  });
  if (action.status === status) return action;
  return dataSource.transaction(async (manager) => {
    const from = action.status;
    action.status = status;
    action.updatedAt = new Date();
    const saved = await manager.getRepository(ProjectAction).save(action);
    await appendActivity(manager, {
      kind: ActivityKind.ACTION_STATUS_CHANGED,
      projectId: action.projectId,
      actorId: viewer.personId,
      summary: `Action « ${action.title} » ${STATUS_LABELS[status]}`,
      payload: { actionId: action.id, from, to: status },
    });
    return saved;
  });
}
