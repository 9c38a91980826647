import { authorize, badInput, type Connection, type PageArgs, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import { Activity } from "../entities/activity.entity";

export const MAX_ACTIVITY_PAGE = 500;

/** `after` of the journal is an activity id (its cursor), not an opaque string. */
function readJournalPage(args: PageArgs): { size: number; after: string } {
  const size = args.first ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > MAX_ACTIVITY_PAGE) throw badInput(`first must be between 1 and ${MAX_ACTIVITY_PAGE}`, "first");
  const after = args.after ?? "0";
  if (!/^\d{1,18}$/.test(after)) throw badInput("after must be an activity id", "after");
  return { size, after };
}

/** The journal in order, after a cursor: all projects, or one project's. */
export async function readJournal(dataSource: DataSource, viewer: Viewer, args: PageArgs, projectId?: string): Promise<Connection<Activity>> {
  authorize(viewer, "project:read");
  const { size, after } = readJournalPage(args);
  const query = dataSource.getRepository(Activity).createQueryBuilder("a").where("a.id > :after", { after });
  if (projectId) query.andWhere("a.project_id = :projectId", { projectId });
  const rows = await query.orderBy("a.id", "ASC").limit(size + 1).getMany();
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: String(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after !== "0",
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
