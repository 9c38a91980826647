import type { DataSource, EntityManager } from "typeorm";
import { callSubgraph } from "./subgraph-client";
import { SERVICE_VIEWER } from "./viewer";

/** What an `activities(after, first)` query of the projects journal answers. */
interface JournalPage<N> {
  activities: { edges: { node: N }[]; pageInfo: { hasNextPage: boolean } };
}

export interface JournalReaderOptions<N extends { id: string }> {
  dataSource: DataSource;
  /** The reader's row in the `journal_offset (name text PRIMARY KEY, last_id bigint NOT NULL)` table of its database. */
  name: string;
  /** The advisory lock serialising the writers of what the reader feeds (replicas, a rebuild), as `hashtext(lock)`. */
  lock: string;
  /** The projects subgraph's GraphQL URL, and the secret signing the SERVICE viewer's internal token. */
  projectsUrl: string;
  secret: string;
  /** An operation with `$after: String, $first: Int` selecting `activities(after: $after, first: $first) { edges { node { id … } } pageInfo { hasNextPage } }`. */
  query: string;
  pageSize: number;
  /** Writes what one page means, in the transaction that stores its offset. */
  apply: (manager: EntityManager, nodes: N[]) => Promise<void>;
  /** Checked before each page: true ends the reading (a stopping service). */
  stopped?: () => boolean;
}

/** The offset of a journal reader: the last activity id applied, "0" before the first page. */
export async function journalOffset(manager: Pick<EntityManager, "query">, name: string): Promise<string> {
  const rows = await manager.query<{ last_id: string }[]>(`SELECT last_id::text AS last_id FROM journal_offset WHERE name = $1`, [name]);
  return rows.at(0)?.last_id ?? "0";
}

/** Takes the advisory lock of a journal reader, held until the transaction ends. */
export async function lockJournal(manager: Pick<EntityManager, "query">, lock: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lock]);
}

/**
 * Reads the projects journal from the reader's offset until it is exhausted, page by page:
 * each page is asked to the projects subgraph (as SERVICE, outside any transaction), then, in
 * ONE transaction holding the reader's advisory lock, the offset is checked to be still the one
 * the page was read after (otherwise another replica, or a rebuild, moved it: the page is
 * dropped and the next one read from the new offset), the page applied and its last activity
 * id stored as the offset. A crash loses the whole page or nothing; replicas never apply a
 * page twice. Returns the number of activities applied.
 */
export async function readJournal<N extends { id: string }>(options: JournalReaderOptions<N>): Promise<number> {
  let applied = 0;
  while (!options.stopped?.()) {
    const after = await journalOffset(options.dataSource.manager, options.name);
    const page = await callSubgraph<JournalPage<N>>(options.projectsUrl, options.secret, SERVICE_VIEWER, options.query, { after, first: options.pageSize });
    const nodes = page.activities.edges.map((e) => e.node);
    if (nodes.length === 0) return applied;
    const done = await options.dataSource.transaction(async (manager) => {
      await lockJournal(manager, options.lock);
      if ((await journalOffset(manager, options.name)) !== after) return false;
      await options.apply(manager, nodes);
      await manager.query(`INSERT INTO journal_offset (name, last_id) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_id = EXCLUDED.last_id`, [options.name, nodes[nodes.length - 1].id]);
      return true;
    });
    if (done) applied += nodes.length;
    if (done && !page.activities.pageInfo.hasNextPage) return applied;
  }
  return applied;
}
