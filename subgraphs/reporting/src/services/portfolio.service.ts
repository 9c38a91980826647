import { authorize, badInput, type Viewer } from "@hub/kit";
import { isTerritoryId } from "@hub/reference";
import type { DataSource, EntityManager } from "typeorm";
import { countsDraft, draftCondition, draftScope, type DraftScope } from "../rules/draft-visibility";
import { FINAL_STATUSES, FRANCE, type Fact } from "../rules/fact-projection";
import { BucketTotals, inactiveBefore, LAST_ACTIVITY_DIMENSION, PORTFOLIO_DIMENSIONS, SERIES_DIMENSIONS } from "../rules/portfolio-buckets";
import { filterProblem, portfolioFigures, seriesPoints, type PortfolioFigures, type SeriesPoint } from "../rules/portfolio-shape";
import { CONSUMER_NAME, currentOffset } from "./journal-consumer.service";
import { factOf, FACT_COLUMNS } from "./fact-store.service";

export interface PortfolioQuery {
  territoryId?: string | null;
  programme?: string | null;
  theme?: string | null;
  status?: string | null;
  phase?: string | null;
  /** Projects created on or after this day (YYYY-MM-DD). */
  from?: string | null;
  /** Projects created on or before this day (YYYY-MM-DD). */
  to?: string | null;
}

interface RollupRow {
  territory_id: string | null;
  dimension: string;
  key: string;
  count: number;
  budget: number;
  amount_requested: number;
  amount_granted: number;
}

/** Checks the caller and the filter; the territory defaults to FRANCE. */
function checked(viewer: Viewer, filter: PortfolioQuery): PortfolioQuery & { territoryId: string } {
  authorize(viewer, "stats:read");
  const territoryId = filter.territoryId ?? FRANCE;
  if (territoryId !== FRANCE && !isTerritoryId(territoryId)) throw badInput(`"${territoryId.slice(0, 60)}" is not a territory id`, "filter.territoryId");
  const problem = filterProblem(filter);
  if (problem) throw badInput(problem.message, problem.field);
  return { ...filter, territoryId };
}

/** Whether the filter is a territory alone: then the rollups answer. */
function territoryOnly(filter: PortfolioQuery): boolean {
  return !filter.programme && !filter.theme && !filter.status && !filter.phase && !filter.from && !filter.to;
}

const isInactive = (fact: Fact, before: string) => !FINAL_STATUSES.includes(fact.status) && fact.lastActivityAt.slice(0, 10) < before;

/**
 * The rollups of several territories, their inactive counts and the offset, in one statement,
 * plus the drafts the viewer may count (read-time, from the facts): one figure set per territory.
 */
async function fromRollups(manager: EntityManager, scope: DraftScope, territoryIds: readonly string[], dimensions: string[]) {
  const before = inactiveBefore(new Date());
  const rows = await manager.query<RollupRow[]>(
    `SELECT territory_id, dimension, key, count, budget::float8 AS budget, amount_requested::float8 AS amount_requested, amount_granted::float8 AS amount_granted
       FROM portfolio_rollup WHERE territory_id = ANY($1) AND dimension = ANY($2) AND count <> 0
     UNION ALL
     SELECT territory_id, 'inactive', '', sum(count)::int, 0, 0, 0 FROM portfolio_rollup
      WHERE territory_id = ANY($1) AND dimension = '${LAST_ACTIVITY_DIMENSION}' AND key < $3 GROUP BY territory_id
     UNION ALL
     SELECT NULL, 'current_at', COALESCE((SELECT last_id::text FROM journal_offset WHERE name = $4), '0'), 0, 0, 0, 0`,
    [territoryIds, dimensions, before, CONSUMER_NAME],
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
    else entry.totals.add({ dimension: row.dimension, key: row.key, count: row.count, budget: row.budget, amountRequested: row.amount_requested, amountGranted: row.amount_granted });
  }
  if (scope.kind !== "none") {
    const params: unknown[] = [territoryIds];
    const drafts = (
      await manager.query<Parameters<typeof factOf>[0][]>(`SELECT ${FACT_COLUMNS} FROM project_fact f WHERE f.status = 'DRAFT' AND f.territory_ids && $1 AND ${draftCondition(scope, params)}`, params)
    ).map(factOf);
    for (const draft of drafts) {
      if (!countsDraft(scope, draft)) continue;
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

/** A filtered portfolio, aggregated at read time from the facts of its territory. */
async function fromFacts(manager: EntityManager, scope: DraftScope, filter: PortfolioQuery & { territoryId: string }) {
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`(f.status <> 'DRAFT' OR ${draftCondition(scope, params)})`];
  if (filter.territoryId !== FRANCE) where.push(`f.territory_ids @> ARRAY[${next(filter.territoryId)}::text]`);
  if (filter.theme) where.push(`f.themes @> ARRAY[${next(filter.theme)}::text]`);
  if (filter.programme) where.push(`f.programmes @> ARRAY[${next(filter.programme)}::text]`);
  if (filter.status) where.push(`f.status = ${next(filter.status)}`);
  if (filter.phase) where.push(`f.phase = ${next(filter.phase)}`);
  if (filter.from) where.push(`f.created_at >= ${next(filter.from)}::date`);
  if (filter.to) where.push(`f.created_at < ${next(filter.to)}::date + 1`);
  const facts = (await manager.query<Parameters<typeof factOf>[0][]>(`SELECT ${FACT_COLUMNS} FROM project_fact f WHERE ${where.join(" AND ")}`, params)).map(factOf);
  const before = inactiveBefore(new Date());
  const totals = new BucketTotals();
  let inactive = 0;
  for (const fact of facts) {
    totals.addFact(fact);
    if (isInactive(fact, before)) inactive += 1;
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
  const scope = draftScope(viewer);
  if (territoryOnly(filter)) return (await readTerritoryPortfolios(dataSource, viewer, [filter.territoryId]))[0];
  const { currentAt, totals, inactive } = await snapshot(dataSource, (manager) => fromFacts(manager, scope, filter));
  return portfolioFigures(totals, currentAt, inactive);
}

/** The portfolios of several territories (Territory.stats, batched): rollups plus the viewer's drafts. */
export async function readTerritoryPortfolios(dataSource: DataSource, viewer: Viewer, territoryIds: readonly string[]): Promise<PortfolioFigures[]> {
  authorize(viewer, "stats:read");
  const scope = draftScope(viewer);
  const read = (manager: EntityManager) => fromRollups(manager, scope, territoryIds, PORTFOLIO_DIMENSIONS);
  // Without drafts to add, one statement is one snapshot already.
  const { currentAt, figures } = scope.kind === "none" ? await read(dataSource.manager) : await snapshot(dataSource, read);
  return figures.map((f) => portfolioFigures(f.totals, currentAt, f.inactive));
}

/** Month by month: projects created, submitted, qualified, assigned and with a first funding decision, and the amounts granted. */
export async function readPortfolioSeries(dataSource: DataSource, viewer: Viewer, query: PortfolioQuery): Promise<{ currentAt: string; points: SeriesPoint[] }> {
  const filter = checked(viewer, query);
  const scope = draftScope(viewer);
  const bounds = { from: filter.from?.slice(0, 7) ?? null, to: filter.to?.slice(0, 7) ?? null };
  if (territoryOnly(filter)) {
    const read = (manager: EntityManager) => fromRollups(manager, scope, [filter.territoryId], SERIES_DIMENSIONS);
    const { currentAt, figures } = scope.kind === "none" ? await read(dataSource.manager) : await snapshot(dataSource, read);
    return { currentAt, points: seriesPoints(figures[0].totals, bounds) };
  }
  const { currentAt, totals } = await snapshot(dataSource, (manager) => fromFacts(manager, scope, filter));
  return { currentAt, points: seriesPoints(totals, bounds) };
}
