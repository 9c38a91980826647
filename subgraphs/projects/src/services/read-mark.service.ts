import { authorize, badInput, forbidden, hasRole, isUuid, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { Project } from "../entities/project.entity";
import { internalCondition, visibilityCondition } from "../rules/visibility";
import { requireVisibleProject } from "./project-access.service";

/** Marks everything a project's journal holds now as read by the viewer; a mark never goes back. */
export async function markProjectRead(dataSource: DataSource, viewer: Viewer, projectId: string): Promise<Project> {
  authorize(viewer, "project:read");
  if (!viewer.personId) throw forbidden("Only people have read marks");
  if (!isUuid(projectId)) throw badInput(`"${projectId.slice(0, 60)}" is not a project id`, "projectId");
  const project = await requireVisibleProject(dataSource, viewer, projectId);
  await dataSource.query(
    `INSERT INTO project_read (person_id, project_id, last_activity_id)
     SELECT $1, $2, COALESCE(max(id), 0) FROM activity WHERE project_id = $2
     ON CONFLICT (person_id, project_id) DO UPDATE SET last_activity_id = GREATEST(project_read.last_activity_id, EXCLUDED.last_activity_id), read_at = now()`,
    [viewer.personId, project.id],
  );
  return project;
}

/**
 * The activities of a project's journal after the person's read mark (all of them when never
 * read), not counting the person's own and, for those who may not read them, internal notes.
 */
function unreadCondition(viewer: Viewer, personParam: string): string {
  return `a.id > COALESCE((SELECT r.last_activity_id FROM project_read r WHERE r.project_id = a.project_id AND r.person_id = ${personParam}), 0)
    AND a.actor_id IS DISTINCT FROM ${personParam} AND ${internalCondition(viewer)}`;
}

/** The unread count of each of several projects the viewer already sees, for a person viewer: one statement. */
export async function unreadCounts(dataSource: DataSource, viewer: Viewer & { personId: string }, projectIds: readonly string[]): Promise<{ projectId: string; unread: number }[]> {
  return dataSource.query(
    `SELECT k.project AS "projectId", (SELECT count(*)::int FROM activity a WHERE a.project_id = k.project AND ${unreadCondition(viewer, "$2::uuid")}) AS unread
       FROM unnest($1::uuid[]) AS k(project)`,
    [projectIds.filter(isUuid), viewer.personId],
  );
}

/** How many projects of the State's inbox (as `inbox`: submitted and qualified, the viewer's départements) hold activity the viewer has not read. */
export async function inboxUnreadCount(dataSource: DataSource, viewer: Viewer): Promise<number> {
  authorize(viewer, "project:write");
  if (!hasRole(viewer, "STATE_AGENT", "ANCT_NATIONAL")) throw forbidden("The inbox is the State's");
  if (!viewer.personId) throw forbidden("Only people have an inbox");
  const params: unknown[] = [viewer.personId];
  const visible = visibilityCondition(viewer, params);
  const [row] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM project p
      WHERE p.status IN ('SUBMITTED', 'QUALIFIED') AND ${visible}
        AND EXISTS (SELECT 1 FROM activity a WHERE a.project_id = p.id AND ${unreadCondition(viewer, "$1::uuid")})`,
    params,
  );
  return row.count;
}
