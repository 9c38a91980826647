import type { EntityManager } from "typeorm";
import { BucketTotals, histogramIndex, histogramKey, LAST_ACTIVITY_DIMENSION, PORTFOLIO_DIMENSIONS } from "../rules/portfolio-buckets";
import { portfolioFigures, type PortfolioFigures } from "../rules/portfolio-shape";

/** A territory's figures kept at write time: everything but `currentAt` (the offset) and the inactive count (it moves with the calendar). */
export type StoredFigures = Omit<PortfolioFigures, "currentAt" | "inactiveProjectCount">;

/** The figures a territory with no project has. */
const EMPTY: StoredFigures = storedOf(new BucketTotals());

function storedOf(totals: BucketTotals): StoredFigures {
  const { currentAt: _currentAt, inactiveProjectCount: _inactive, ...figures } = portfolioFigures(totals, "", 0);
  return figures;
}

/** A histogram row (`counts[i]` projects at day `first + i`) added as buckets, as the facts' buckets would be. */
export function addHistogram(totals: BucketTotals, dimension: string, first: number, counts: (number | null)[]): void {
  counts.forEach((count, i) => {
    if (count) totals.add({ dimension, key: histogramKey(dimension, first + i), count, budget: 0, amountRequested: 0, amountGranted: 0 });
  });
}

/** The rollups and day histograms of territories (drafts never in them), as bucket totals, in one statement. */
async function rollupTotals(manager: Pick<EntityManager, "query">, territoryIds: readonly string[]): Promise<Map<string, BucketTotals>> {
  const rows = await manager.query<{ territory_id: string; dimension: string; key: string; count: number; budget: number; amount_requested: number; amount_granted: number; counts: string | null }[]>(
    `SELECT territory_id, dimension, key, count, budget::float8 AS budget, amount_requested::float8 AS amount_requested, amount_granted::float8 AS amount_granted, NULL AS counts
       FROM portfolio_rollup WHERE territory_id = ANY($1) AND dimension = ANY($2) AND count <> 0
     UNION ALL
     SELECT territory_id, dimension, array_lower(counts, 1)::text, 0, 0, 0, 0, array_to_json(counts)::text
       FROM portfolio_histogram WHERE territory_id = ANY($1) AND dimension = ANY($2)`,
    [territoryIds, PORTFOLIO_DIMENSIONS],
  );
  const totals = new Map(territoryIds.map((id) => [id, new BucketTotals()]));
  for (const row of rows) {
    const entry = totals.get(row.territory_id);
    if (!entry) continue;
    if (row.counts !== null) addHistogram(entry, row.dimension, Number(row.key), JSON.parse(row.counts) as (number | null)[]);
    else entry.add({ dimension: row.dimension, key: row.key, count: row.count, budget: row.budget, amountRequested: row.amount_requested, amountGranted: row.amount_granted });
  }
  return totals;
}

/** Territories recomputed per statement: a batch of the journal touches thousands. */
const CHUNK = 2000;

/**
 * Recomputes, at write time, the stored figures (`portfolio_summary`) of the territories whose
 * rollups just changed, from those rollups (medians included): a territory's portfolio is then
 * one row to read. A territory left with no project loses its row. Runs in the transaction that
 * changed the rollups.
 */
export async function refreshSummaries(manager: Pick<EntityManager, "query">, territoryIds: readonly string[]): Promise<void> {
  for (let start = 0; start < territoryIds.length; start += CHUNK) {
    const chunk = territoryIds.slice(start, start + CHUNK);
    const totals = await rollupTotals(manager, chunk);
    const rows = chunk.map((id) => ({ territory_id: id, figures: storedOf(totals.get(id) as BucketTotals) }));
    const kept = rows.filter((r) => r.figures.projectCount !== 0);
    if (kept.length > 0) {
      await manager.query(
        `INSERT INTO portfolio_summary (territory_id, figures)
         SELECT r.territory_id, r.figures FROM jsonb_to_recordset($1::jsonb) AS r(territory_id text, figures jsonb)
         ON CONFLICT (territory_id) DO UPDATE SET figures = EXCLUDED.figures`,
        [JSON.stringify(kept)],
      );
    }
    const emptied = rows.filter((r) => r.figures.projectCount === 0).map((r) => r.territory_id);
    if (emptied.length > 0) await manager.query(`DELETE FROM portfolio_summary WHERE territory_id = ANY($1)`, [emptied]);
  }
}

/**
 * The figures of territories without drafts, in one statement of primary-key reads: each
 * territory's stored figures, its inactive count (the slice of its last-activity histogram before
 * `before`, summed in PostgreSQL) and the offset they are current at.
 */
export async function readSummaries(manager: Pick<EntityManager, "query">, territoryIds: readonly string[], before: string, consumer: string): Promise<PortfolioFigures[]> {
  const rows = await manager.query<{ territory_id: string; figures: string | null; inactive: number; current_at: string }[]>(
    `SELECT t.id AS territory_id, s.figures::text AS figures,
            COALESCE((SELECT sum(c) FROM portfolio_histogram h CROSS JOIN unnest(h.counts[:$2::int - 1]) AS c
                       WHERE h.territory_id = t.id AND h.dimension = '${LAST_ACTIVITY_DIMENSION}'), 0)::int AS inactive,
            COALESCE((SELECT last_id::text FROM journal_offset WHERE name = $3), '0') AS current_at
       FROM unnest($1::text[]) AS t(id) LEFT JOIN portfolio_summary s ON s.territory_id = t.id`,
    [territoryIds, histogramIndex(LAST_ACTIVITY_DIMENSION, before), consumer],
  );
  const byId = new Map(rows.map((row) => [row.territory_id, row]));
  return territoryIds.map((id) => {
    const row = byId.get(id);
    const figures = row?.figures ? (JSON.parse(row.figures) as StoredFigures) : EMPTY;
    return { currentAt: row?.current_at ?? "0", ...figures, inactiveProjectCount: row?.inactive ?? 0 };
  });
}

/** Every territory with rollups, for filling `portfolio_summary` from them (its migration). */
export async function refreshAllSummaries(manager: Pick<EntityManager, "query">): Promise<void> {
  const rows = await manager.query<{ territory_id: string }[]>(`SELECT DISTINCT territory_id FROM portfolio_rollup ORDER BY territory_id`);
  await refreshSummaries(
    manager,
    rows.map((r) => r.territory_id),
  );
}
