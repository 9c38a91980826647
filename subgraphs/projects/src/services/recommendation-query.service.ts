import { encodeCursor, isStringPair, readPage, type PageArgs, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { Recommendation, RecommendationStatus } from "../entities/recommendation.entity";
import { canSeeRecommendation } from "../rules/recommendation";
import type { ProjectFacts } from "../rules/visibility";
import type { ProjectBlock, RecommendationConnection } from "../types/recommendation.types";

/** The latest BLOCKED activity of each project (read for blocked projects only): one statement. */
export async function currentBlocks(dataSource: DataSource, projectIds: string[]): Promise<(ProjectBlock & { projectId: string })[]> {
  const rows = await dataSource.query<{ id: string; project_id: string; at: Date; reason: string | null }[]>(
    `SELECT DISTINCT ON (a.project_id) a.id::text AS id, a.project_id, a.at, a.payload->>'reason' AS reason
       FROM activity a WHERE a.project_id = ANY($1::uuid[]) AND a.kind = 'BLOCKED' ORDER BY a.project_id, a.id DESC`,
    [projectIds],
  );
  return rows.map((r) => ({ projectId: r.project_id, activityId: r.id, since: r.at, reason: r.reason ?? "" }));
}

const keyOf = (r: Recommendation): [string, string] => [new Date(r.createdAt).toISOString(), r.id];

/**
 * A project's recommendations the viewer sees (drafts for the State side only), oldest first,
 * paged in memory from the project's whole list (a project holds tens of them, read in one
 * statement for every project of a request).
 */
export function recommendationPage(all: Recommendation[], viewer: Viewer, project: ProjectFacts, args: PageArgs, status?: RecommendationStatus | null): RecommendationConnection {
  const page = readPage(args, 100, isStringPair);
  const visible = all.filter((r) => canSeeRecommendation(viewer, project, r) && (!status || r.status === status));
  const after = page.after;
  const rest = after ? visible.filter((r) => keyOf(r)[0] > after[0] || (keyOf(r)[0] === after[0] && r.id > after[1])) : visible;
  const nodes = rest.slice(0, page.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    totalCount: visible.length,
    pageInfo: {
      hasNextPage: rest.length > page.size,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
