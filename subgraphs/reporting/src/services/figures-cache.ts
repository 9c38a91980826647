import type { DataSource, EntityManager } from "typeorm";
import type { PortfolioFigures } from "../rules/portfolio-shape";
import { CONSUMER_NAME } from "./journal-consumer.service";

/** How many territories' figures a process keeps (a national portfolio is about 2 kB). */
const CAPACITY = 5000;

/**
 * The version of the read model: the journal offset and the transaction id (`xmin`) of its row.
 * Every transaction that changes the facts or the rollups (a page of the journal, a rebuild)
 * writes that row, so a new version of the row is a new version of the read model; the offset
 * alone is not enough (a rebuild replays the journal up to the same offset with projects as they
 * are now). "0:" when there is no row yet (an empty read model).
 */
export async function readModelVersion(manager: Pick<EntityManager, "query">): Promise<{ version: string; currentAt: string }> {
  const rows = await manager.query<{ last_id: string; xmin: string }[]>(`SELECT last_id::text AS last_id, xmin::text AS xmin FROM journal_offset WHERE name = $1`, [CONSUMER_NAME]);
  const row = rows.at(0);
  return row ? { version: `${row.last_id}:${row.xmin}`, currentAt: row.last_id } : { version: "0:", currentAt: "0" };
}

/**
 * Figures of territories computed from the rollups alone (no draft: what every viewer who may
 * not count drafts gets), kept in the process for the version of the read model they were read
 * at. A read that finds its territory for the version it reads (one primary-key lookup) answers
 * without reading the rollups again; any page of the journal makes a new version, and the first
 * read after it computes the figures again. Keys carry the day from which a project is no longer
 * inactive, so the inactive count moves with the calendar too.
 */
export class FiguresCache {
  private version = "";
  private readonly figures = new Map<string, PortfolioFigures>();

  get(version: string, key: string): PortfolioFigures | undefined {
    return version === this.version ? this.figures.get(key) : undefined;
  }

  set(version: string, key: string, figures: PortfolioFigures): void {
    if (version !== this.version) {
      this.version = version;
      this.figures.clear();
    }
    // Insertion order: the oldest entry leaves first.
    if (this.figures.size >= CAPACITY) this.figures.delete(this.figures.keys().next().value as string);
    this.figures.set(key, figures);
  }
}

const caches = new WeakMap<DataSource, FiguresCache>();

/** The cache of a database (one per DataSource: tests run several hubs in one process). */
export function figuresCacheOf(dataSource: DataSource): FiguresCache {
  let cache = caches.get(dataSource);
  if (!cache) {
    cache = new FiguresCache();
    caches.set(dataSource, cache);
  }
  return cache;
}
