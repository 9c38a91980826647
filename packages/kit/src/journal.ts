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
  /** Activities per request to the projects subgraph (its maximum is 500). */
  pageSize: number;
  /**
   * Activities applied per transaction (default `pageSize`: one page each): read as consecutive
   * pages, the next batch asked for while the current one is applied (read-ahead).
   */
  batchSize?: number;
  /** Writes what one batch means, in the transaction that stores its offset. */
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

interface JournalBatch<N> {
  nodes: N[];
  /** Whether the journal held more activities after this batch when it was read. */
  more: boolean;
}

/** Up to `batchSize` activities after `after`, page after page (pages of `pageSize`). */
async function readBatch<N extends { id: string }>(options: JournalReaderOptions<N>, after: string): Promise<JournalBatch<N>> {
  const batchSize = Math.max(options.batchSize ?? options.pageSize, 1);
  const nodes: N[] = [];
  let cursor = after;
  for (;;) {
    const first = Math.min(options.pageSize, batchSize - nodes.length);
    const page = await callSubgraph<JournalPage<N>>(options.projectsUrl, options.secret, SERVICE_VIEWER, options.query, { after: cursor, first });
    const edges = page.activities.edges;
    for (const edge of edges) nodes.push(edge.node);
    const more = page.activities.pageInfo.hasNextPage && edges.length > 0;
    if (!more || nodes.length >= batchSize) return { nodes, more };
    cursor = edges[edges.length - 1].node.id;
  }
}

/**
 * Reads the projects journal from the reader's offset until it is exhausted, batch by batch
 * (`batchSize` activities, asked as pages of `pageSize`): each batch is asked to the projects
 * subgraph (as SERVICE, outside any transaction; the next batch is asked for while the current
 * one is applied), then, in ONE transaction holding the reader's advisory lock, the offset is
 * checked to be still the one the batch was read after (otherwise another replica, or a
 * rebuild, moved it: the batch and the one read ahead are dropped and reading resumes from the
 * new offset), the batch applied and its last activity id stored as the offset. A crash loses
 * the whole batch or nothing; replicas never apply a batch twice. Returns the number of
 * activities applied.
 */
export async function readJournal<N extends { id: string }>(options: JournalReaderOptions<N>): Promise<number> {
  let applied = 0;
  let after = await journalOffset(options.dataSource.manager, options.name);
  let pending: Promise<JournalBatch<N>> | null = readBatch(options, after);
  // A batch read ahead and then dropped must not become an unhandled rejection.
  const drop = (batch: Promise<JournalBatch<N>> | null) => void batch?.catch(() => undefined);
  try {
    while (pending && !options.stopped?.()) {
      const batch: JournalBatch<N> = await pending;
      pending = null;
      if (batch.nodes.length === 0) return applied;
      const last = batch.nodes[batch.nodes.length - 1].id;
      // Read-ahead: the next batch travels while this one is written.
      if (batch.more) pending = readBatch(options, last);
      const from = after;
      const done = await options.dataSource.transaction(async (manager) => {
        await lockJournal(manager, options.lock);
        if ((await journalOffset(manager, options.name)) !== from) return false;
        await options.apply(manager, batch.nodes);
        await manager.query(`INSERT INTO journal_offset (name, last_id) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_id = EXCLUDED.last_id`, [options.name, last]);
        return true;
      });
      if (done) {
        applied += batch.nodes.length;
        after = last;
        continue;
      }
      // Someone else moved the offset: what was read ahead follows a batch not applied here.
      drop(pending);
      after = await journalOffset(options.dataSource.manager, options.name);
      pending = readBatch(options, after);
    }
    return applied;
  } finally {
    drop(pending);
  }
}
