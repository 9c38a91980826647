import { canSeeInternalNotes, countOf, isStringPair, readPage, toConnection, type Connection, type Page, type PageArgs, type ParentCount, type Viewer } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { Comment } from "../entities/comment.entity";

export type CommentKey = [string, string];

/** One page of the conversation of each project, oldest first (internal notes for the State only): one statement. */
export function fetchComments(dataSource: DataSource, viewer: Viewer, projectIds: readonly string[], page: Page<CommentKey>): Promise<Comment[]> {
  const params: unknown[] = [projectIds];
  let after = "";
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    after = `AND (c.created_at, c.id) > ($2::timestamptz, $3::uuid)`;
  }
  params.push(page.limit);
  return dataSource.query(
    `SELECT m.* FROM unnest($1::uuid[]) AS k(project)
       CROSS JOIN LATERAL (
         SELECT c.id, c.project_id AS "projectId", c.author_id AS "authorId", c.body, c.internal, c.created_at AS "createdAt"
           FROM comment c WHERE c.project_id = k.project ${canSeeInternalNotes(viewer) ? "" : "AND NOT c.internal"} ${after}
          ORDER BY c.created_at, c.id LIMIT $${params.length}) AS m`,
    params,
  );
}

/** How many messages each project's conversation holds for the viewer (internal notes for the State only): one statement. */
export function countComments(dataSource: DataSource, viewer: Viewer, projectIds: readonly string[]): Promise<ParentCount<string>[]> {
  return dataSource.query(
    `SELECT c.project_id AS parent, count(*)::int AS count FROM comment c WHERE c.project_id = ANY($1::uuid[]) ${canSeeInternalNotes(viewer) ? "" : "AND NOT c.internal"} GROUP BY c.project_id`,
    [projectIds],
  );
}

/** A project's conversation as a connection, through the batch loaders (its page, and its count when asked for). */
export async function projectComments(load: (pageKey: string) => Promise<Comment[]>, count: () => Promise<number>, args: PageArgs): Promise<Connection<Comment>> {
  const page = readPage(args, 100, isStringPair);
  const rows = await load(JSON.stringify(page));
  return toConnection(rows, page, (c) => [new Date(c.createdAt).toISOString(), c.id], countOf(rows, page, count));
}
