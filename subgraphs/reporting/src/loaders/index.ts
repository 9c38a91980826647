import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { TerritoryStats } from "../types/stats.types";

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Per-request loaders: the stats of many territories in one SQL statement. Drafts are never
 * counted: a draft is its collectivité's own until submitted, and a count would reveal it to
 * everyone with stats:read.
 */
export function createLoaders(dataSource: DataSource) {
  return {
    stats: new DataLoader<string, TerritoryStats>(async (territoryIds) => {
      const rows = await dataSource.query<{ id: string; status: string | null; count: number }[]>(
        `SELECT t.id, f.status, count(f.project_id)::int AS count
           FROM unnest($1::text[]) AS t(id)
           LEFT JOIN project_fact f ON f.territory_ids @> ARRAY[t.id] AND f.status <> 'DRAFT'
          GROUP BY t.id, f.status`,
        [territoryIds],
      );
      const byTerritory = new Map<string, TerritoryStats>(territoryIds.map((id) => [id, { projectCount: 0, byStatus: [] }]));
      // Every territory asked for has its entry, and the SQL only answers about those.
      const statsOf = (id: string): TerritoryStats => {
        const stats = byTerritory.get(id);
        if (!stats) throw new Error(`no stats entry for territory ${id}`);
        return stats;
      };
      for (const row of rows) {
        if (row.status === null) continue;
        const stats = statsOf(row.id);
        stats.projectCount += row.count;
        stats.byStatus.push({ status: row.status, count: row.count });
      }
      for (const stats of byTerritory.values()) stats.byStatus.sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
      return territoryIds.map(statsOf);
    }),
  };
}
