import { callSubgraph, DEV_INTERNAL_SECRET, SERVICE_VIEWER } from "@hub/kit";
import type { GraphQLResponse, Hub } from "@hub/testing";

/** Creating and moving projects through the gateway, and funding events through projects' internal recordActivity (as funding does). */
export function projectSteps(hub: Hub) {
  const ok = <T>(response: GraphQLResponse<T>): T => {
    if (response.errors || !response.data) throw new Error(`unexpected answer: ${JSON.stringify(response.errors)}`);
    return response.data;
  };
  return {
    async create(token: string, input: Record<string, unknown>): Promise<string> {
      const data = ok(
        await hub.query<{ createProject: { id: string } }>(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: { territoryId: "COMMUNE:63113", ...input } }, token),
      );
      return data.createProject.id;
    },
    async step(token: string, projectId: string, transition: string, extra: Record<string, unknown> = {}): Promise<string> {
      const data = ok(
        await hub.query<{ changeProjectStatus: { status: string } }>(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { status } }`, { i: { projectId, transition, ...extra } }, token),
      );
      return data.changeProjectStatus.status;
    },
    async funding(projectId: string, key: string, payload: Record<string, unknown>): Promise<void> {
      await callSubgraph(hub.subgraphs.projects.url, DEV_INTERNAL_SECRET, SERVICE_VIEWER, `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
        i: { projectId, summary: `Dossier ${String(payload.status)}`, idempotencyKey: key, payload: JSON.stringify(payload), kind: "FUNDING_APPLICATION" },
      });
    },
    /** The person id of a demo account. */
    async personId(email: string): Promise<string> {
      const [row] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [email]);
      return row.id;
    },
  };
}

/** What every status count of the projects database says, drafts excluded, as reporting's byStatus orders it. */
export async function statusCountsInProjects(hub: Hub): Promise<{ status: string; count: number }[]> {
  return hub.sql("projects", `SELECT status, count(*)::int AS count FROM project WHERE status <> 'DRAFT' GROUP BY status ORDER BY count DESC, status`);
}

/** Recomputes the count buckets of every territory from the facts, as the rollups should hold them. */
export async function rollupsFromFacts(hub: Hub): Promise<unknown[]> {
  return hub.sql(
    "reporting",
    `SELECT t AS territory_id, d.dimension, d.key, count(*)::int AS count
       FROM project_fact f CROSS JOIN unnest(f.territory_ids) AS t
       CROSS JOIN LATERAL (SELECT 'all' AS dimension, '' AS key UNION ALL SELECT 'status', f.status UNION ALL SELECT 'phase', f.phase
                           UNION ALL SELECT 'theme', x FROM unnest(f.themes) x UNION ALL SELECT 'programme', x FROM unnest(f.programmes) x) AS d
      WHERE f.status <> 'DRAFT' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
}

export async function rollups(hub: Hub): Promise<unknown[]> {
  return hub.sql("reporting", `SELECT territory_id, dimension, key, count FROM portfolio_rollup WHERE dimension IN ('all', 'status', 'phase', 'theme', 'programme') ORDER BY 1, 2, 3`);
}
