import { authorize, hasKeyLimits, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { exportFilterCondition, validateExportFilter, type ExportFilter } from "../rules/export-filter";
import { FINAL_STATUSES, FRANCE, type Fact } from "../rules/fact-projection";
import { BucketTotals, histogramIndex, inactiveBefore, LAST_ACTIVITY_DIMENSION, parisDay, PORTFOLIO_DIMENSIONS, SERIES_DIMENSIONS, TIME_ZONE } from "../rules/portfolio-buckets";
import { factsInLimits, seesDrafts, visibleDraftsCondition, visibleFactsCondition } from "../rules/project-visibility";
import { portfolioFigures, seriesPoints, type PortfolioFigures, type SeriesPoint } from "../rules/portfolio-shape";
import { CONSUMER_NAME, currentOffset } from "./journal-consumer.service";
import { factOf, FACT_COLUMNS } from "./fact-store.service";
import { addHistogram, readSummaries } from "./summary-store.service";

/** The portfolio's filter is the exports' (`rules/export-filter.ts`): the same projects, counted or listed. */
export type PortfolioQuery = ExportFilter;

interface RollupRow {
  territory_id: string | null;
  dimension: string;
  key: string;
  count: number;
  budget: number;
  amount_requested: number;
  amount_granted: number;
}

/** Checks the caller and the filter (the exports' rule); the territory defaults to FRANCE. */
function checked(viewer: Viewer, query: PortfolioQuery): PortfolioQuery & { territoryId: string } {
  authorize(viewer, "stats:read");
  const filter = validateExportFilter({ ...query }, "filter.");
  return { ...filter, territoryId: filter.territoryId ?? FRANCE };
}

/** Whether the filter is a territory alone: then the rollups answer. */
function territoryOnly(filter: PortfolioQuery): boolean {
  return !filter.programme && !filter.theme && !filter.status && !filter.phase && !filter.from && !filter.to;
}

const isInactive = (fact: Fact, before: string) => !FINAL_STATUSES.includes(fact.status) && parisDay(fact.lastActivityAt) < before;

/**
 * The rollups of several territories (their day histograms as arrays, one row each), their
 * inactive counts (summed in PostgreSQL from the last-activity histogram) and the offset, in one
 * statement, plus the drafts the viewer may count (read-time, from the facts): one figure set per territory.
 */
async function fromRollups(manager: EntityManager, viewer: Viewer, territoryIds: readonly string[], dimensions: string[], before = inactiveBefore(new Date())) {
  const rows = await manager.query<(RollupRow & { counts: string | null })[]>(
    `SELECT territory_id, dimension, key, count, budget::float8 AS budget, amount_requested::float8 AS amount_requested, amount_granted::float8 AS amount_granted, NULL AS counts
       FROM portfolio_rollup WHERE territory_id = ANY($1) AND dimension = ANY($2) AND count <> 0
     UNION ALL
     SELECT territory_id, dimension, array_lower(counts, 1)::text, 0, 0, 0, 0, array_to_json(counts)::text
       FROM portfolio_histogram WHERE territory_id = ANY($1) AND dimension = ANY($2)
     UNION ALL
     SELECT territory_id, 'inactive', '', COALESCE((SELECT sum(c) FROM unnest(counts[:$3::int - 1]) AS c), 0)::int, 0, 0, 0, NULL
       FROM portfolio_histogram WHERE territory_id = ANY($1) AND dimension = '${LAST_ACTIVITY_DIMENSION}'
     UNION ALL
     SELECT NULL, 'current_at', COALESCE((SELECT last_id::text FROM journal_offset WHERE name = $4), '0'), 0, 0, 0, 0, NULL`,
    [territoryIds, dimensions, histogramIndex(LAST_ACTIVITY_DIMENSION, before), CONSUMER_NAME],
  );
  const figures = territoryIds.map(() => ({ totals: new BucketTotals(), inactive: 0 }));
  // A territory asked twice (a DataLoader never does) shares its entry.
  const totals = new Map(territoryIds.map((id, i) => [id, figures[i]]));
  let currentAt = "0";
  for (const row of rows) {
    if (row.dimension === "current_at") {
      currentAt = row.key;
      continue;
    }
    const entry = row.territory_id === null ? undefined : totals.get(row.territory_id);
    if (!entry) continue;
    if (row.dimension === "inactive") entry.inactive += row.count;
    else if (row.counts !== null) addHistogram(entry.totals, row.dimension, Number(row.key), JSON.parse(row.counts) as (number | null)[]);
    else entry.totals.add({ dimension: row.dimension, key: row.key, count: row.count, budget: row.budget, amountRequested: row.amount_requested, amountGranted: row.amount_granted });
  }
  if (seesDrafts(viewer)) {
    const params: unknown[] = [territoryIds];
    const drafts = (
      await manager.query<Parameters<typeof factOf>[0][]>(
        `SELECT ${FACT_COLUMNS} FROM project_fact f WHERE f.status = 'DRAFT' AND f.territory_ids && $1 AND ${visibleDraftsCondition(viewer, params)}`,
        params,
      )
    ).map(factOf);
    for (const draft of drafts) {
      for (const id of draft.territoryIds) {
        const entry = totals.get(id);
        if (!entry) continue;
        entry.totals.addFact(draft);
        if (isInactive(draft, before)) entry.inactive += 1;
      }
    }
  }
  return { currentAt, figures };
}

/** Whole days from one step to the next, as `daysBetween` (null when either is missing, never negative). */
const days = (from: string, to: string) => `CASE WHEN f.${to} < f.${from} THEN '0' ELSE floor(extract(epoch FROM f.${to} - f.${from}) / 86400)::int::text END`;
/** A date column as a month or day in Paris, as `parisMonth`/`parisDay`. */
const paris = (column: string, format: string) => `to_char(f.${column} AT TIME ZONE '${TIME_ZONE}', '${format}')`;

/** The key of each single-valued dimension of `factBuckets`, as SQL on project_fact aliased `f`. */
const DIMENSION_KEYS: Record<string, string> = {
  all: "''",
  status: "f.status",
  phase: "f.phase",
  created_month: paris("created_at", "YYYY-MM"),
  submitted_month: paris("submitted_at", "YYYY-MM"),
  qualified_month: paris("qualified_at", "YYYY-MM"),
  assigned_month: paris("assigned_at", "YYYY-MM"),
  funding_decided_month: paris("funding_decided_at", "YYYY-MM"),
  days_to_qualification: days("submitted_at", "qualified_at"),
  days_to_assignment: days("submitted_at", "assigned_at"),
  days_to_funding_decision: days("submitted_at", "funding_decided_at"),
};
/** The dimensions with one key per element of an array column. */
const ARRAY_DIMENSIONS: Record<string, string> = { theme: "f.themes", programme: "f.programmes" };

/**
 * A filtered portfolio, aggregated in PostgreSQL from the facts that match: the buckets of
 * `factBuckets` (one per dimension and key, arrays unnested), summed with GROUP BY, and the
 * inactive count, in one statement; the same figures as the rollups give for the same facts.
 */
async function fromFacts(manager: EntityManager, viewer: Viewer, filter: PortfolioQuery & { territoryId: string }, dimensions: string[]) {
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // The exports' condition: the same projects, `from`/`to` French days (Europe/Paris); every fact is in FRANCE.
  const where = [
    `(f.status <> 'DRAFT' OR ${visibleFactsCondition(viewer, params)})`,
    factsInLimits(viewer, params),
    exportFilterCondition({ ...filter, territoryId: filter.territoryId === FRANCE ? null : filter.territoryId }, params),
  ];
  const keys = dimensions.flatMap((d) => (d in ARRAY_DIMENSIONS ? [`SELECT '${d}', unnest(${ARRAY_DIMENSIONS[d]})`] : d in DIMENSION_KEYS ? [`SELECT '${d}', ${DIMENSION_KEYS[d]}`] : []));
  const finals = next(FINAL_STATUSES);
  const before = next(inactiveBefore(new Date()));
  const rows = await manager.query<RollupRow[]>(
    `WITH m AS (SELECT * FROM project_fact f WHERE ${where.join(" AND ")})
     SELECT NULL AS territory_id, b.dimension, b.key, count(*)::int AS count, COALESCE(sum(f.budget), 0)::float8 AS budget,
            sum(f.amount_requested)::float8 AS amount_requested, sum(f.amount_granted)::float8 AS amount_granted
       FROM m f CROSS JOIN LATERAL (${keys.join(" UNION ALL ")}) AS b(dimension, key)
      WHERE b.key IS NOT NULL GROUP BY b.dimension, b.key
     UNION ALL
     SELECT NULL, 'inactive', '', count(*)::int, 0, 0, 0 FROM m f
      WHERE NOT f.status = ANY(${finals}::text[]) AND ${paris("last_activity_at", "YYYY-MM-DD")} < ${before}`,
    params,
  );
  const totals = new BucketTotals();
  let inactive = 0;
  for (const row of rows) {
    if (row.dimension === "inactive") inactive = row.count;
    else totals.add({ dimension: row.dimension, key: row.key, count: row.count, budget: row.budget, amountRequested: row.amount_requested, amountGranted: row.amount_granted });
  }
  return { currentAt: await currentOffset(manager), totals, inactive };
}

/** Runs reads in one snapshot, so that every figure and `currentAt` agree. */
function snapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction("REPEATABLE READ", read);
}

/** The portfolio of a filter (no territory: France). Never waits for the consumer: `currentAt` says how current it is. */
export async function readPortfolio(dataSource: DataSource, viewer: Viewer, query: PortfolioQuery): Promise<PortfolioFigures> {
  const filter = checked(viewer, query);
  if (territoryOnly(filter) && !hasKeyLimits(viewer)) return (await readTerritoryPortfolios(dataSource, viewer, [filter.territoryId]))[0];
  const { currentAt, totals, inactive } = await snapshot(dataSource, (manager) => fromFacts(manager, viewer, filter, PORTFOLIO_DIMENSIONS));
  return portfolioFigures(totals, currentAt, inactive);
}

/** The portfolios of several territories (Territory.stats, batched): rollups plus the viewer's drafts. */
export async function readTerritoryPortfolios(dataSource: DataSource, viewer: Viewer, territoryIds: readonly string[]): Promise<PortfolioFigures[]> {
  authorize(viewer, "stats:read");
  // The rollups count every project: a key limited to programmes or territories counts from the facts within its limits, territory by territory.
  if (hasKeyLimits(viewer)) return Promise.all(territoryIds.map((territoryId) => readPortfolio(dataSource, viewer, { territoryId })));
  if (seesDrafts(viewer)) {
    const { currentAt, figures } = await snapshot(dataSource, (manager) => fromRollups(manager, viewer, territoryIds, PORTFOLIO_DIMENSIONS));
    return figures.map((f) => portfolioFigures(f.totals, currentAt, f.inactive));
  }
  return storedPortfolios(dataSource, territoryIds);
}

/**
 * Figures without drafts (every State, national, analyst and programme viewer): the figures kept
 * at write time in `portfolio_summary`, one row per territory, with the inactive count and the
 * offset, in one statement (see summary-store.service.ts). No cache: the read is that small.
 */
function storedPortfolios(dataSource: DataSource, territoryIds: readonly string[]): Promise<PortfolioFigures[]> {
  return readSummaries(dataSource.manager, territoryIds, inactiveBefore(new Date()), CONSUMER_NAME);
}

/** Month by month: projects created, submitted, qualified, assigned and with a first funding decision, and the amounts granted. */
export async function readPortfolioSeries(dataSource: DataSource, viewer: Viewer, query: PortfolioQuery): Promise<{ currentAt: string; points: SeriesPoint[] }> {
  const filter = checked(viewer, query);
  const bounds = { from: filter.from?.slice(0, 7) ?? null, to: filter.to?.slice(0, 7) ?? null };
  if (territoryOnly(filter) && !hasKeyLimits(viewer)) {
    const read = (manager: EntityManager) => fromRollups(manager, viewer, [filter.territoryId], SERIES_DIMENSIONS);
    const { currentAt, figures } = !seesDrafts(viewer) ? await read(dataSource.manager) : await snapshot(dataSource, read);
    return { currentAt, points: seriesPoints(figures[0].totals, bounds) };
  }
  const { currentAt, totals } = await snapshot(dataSource, (manager) => fromFacts(manager, viewer, filter, SERIES_DIMENSIONS));
  return { currentAt, points: seriesPoints(totals, bounds) };
}
