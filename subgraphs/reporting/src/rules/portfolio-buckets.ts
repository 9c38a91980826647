import { FINAL_STATUSES, type Fact } from "./fact-projection";

/**
 * The buckets a fact adds to each territory of its chain: the portfolio's dimensions, a month
 * per step in Paris (for series), a histogram of the days between steps (for exact medians) and the
 * day in Paris of the last activity of projects still open (for the count of inactive ones). The same
 * function feeds the rollups at write time and the read-time aggregates (filters, drafts).
 */

export interface Amounts {
  count: number;
  budget: number;
  amountRequested: number;
  amountGranted: number;
}

export interface Bucket extends Amounts {
  dimension: string;
  key: string;
}

/** Dimensions of `portfolio` (besides the inactive count). */
export const PORTFOLIO_DIMENSIONS = ["all", "status", "theme", "programme", "phase", "days_to_qualification", "days_to_assignment", "days_to_funding_decision"];
/** Dimensions of `portfolioSeries`: the month of each step. */
export const SERIES_DIMENSIONS = ["created_month", "submitted_month", "qualified_month", "assigned_month", "funding_decided_month"];
/** Open projects by the day of their last activity. */
export const LAST_ACTIVITY_DIMENSION = "last_activity_day";
/** A project with no activity for this many days is inactive. */
export const INACTIVE_DAYS = 90;

const DAY_MS = 86_400_000;

/** The French State's calendar: a step is dated by its day in Paris (summer and winter time), not in UTC. */
export const TIME_ZONE = "Europe/Paris";
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The day (YYYY-MM-DD) of an instant in Paris: 31 March at 23:30 in Paris (21:30 UTC) is 31 March, 1 April at 00:30 (22:30 UTC the day before) is 1 April. */
export function parisDay(instant: string | Date): string {
  const parts = Object.fromEntries(PARIS_DAY.formatToParts(typeof instant === "string" ? new Date(instant) : instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The month (YYYY-MM) of an instant in Paris. */
export function parisMonth(instant: string): string {
  return parisDay(instant).slice(0, 7);
}

/**
 * Dimensions whose keys are days, stored as histograms (`portfolio_histogram`, one row per
 * territory and dimension) rather than one rollup row per day: the delays, for exact medians,
 * and the last activity day of open projects, for the inactive count. Only their counts are kept.
 */
export const HISTOGRAM_DIMENSIONS = ["days_to_qualification", "days_to_assignment", "days_to_funding_decision", LAST_ACTIVITY_DIMENSION];

/** A histogram's subscript for a bucket key: the whole days of a delay, or a day's number since 1970-01-01. */
export function histogramIndex(dimension: string, key: string): number {
  return dimension === LAST_ACTIVITY_DIMENSION ? Date.parse(`${key}T00:00:00Z`) / DAY_MS : Number(key);
}

/** The bucket key of a histogram's subscript (the inverse of `histogramIndex`). */
export function histogramKey(dimension: string, index: number): string {
  return dimension === LAST_ACTIVITY_DIMENSION ? new Date(index * DAY_MS).toISOString().slice(0, 10) : String(index);
}

/** Whether a fact is in the rollups: drafts are not (they are counted at read time for those who may see them). */
export function isRolledUp(fact: Pick<Fact, "status">): boolean {
  return fact.status !== "DRAFT";
}

/** Whole days from one step to the next, null when either is missing (never negative). */
export function daysBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));
}

/** The buckets of a fact within one territory. */
export function factBuckets(fact: Fact): Bucket[] {
  const amounts: Amounts = { count: 1, budget: fact.budget ?? 0, amountRequested: fact.amountRequested, amountGranted: fact.amountGranted };
  const buckets: Bucket[] = [];
  const add = (dimension: string, key: string | number | null) => {
    if (key !== null) buckets.push({ dimension, key: String(key), ...amounts });
  };
  add("all", "");
  add("status", fact.status);
  for (const theme of fact.themes) add("theme", theme);
  for (const programme of fact.programmes) add("programme", programme);
  add("phase", fact.phase);
  // Months and days in Paris; delays are elapsed whole days (24 hours), whatever the time zone.
  const month = (instant: string | null) => (instant ? parisMonth(instant) : null);
  add("created_month", month(fact.createdAt));
  add("submitted_month", month(fact.submittedAt));
  add("qualified_month", month(fact.qualifiedAt));
  add("assigned_month", month(fact.assignedAt));
  add("funding_decided_month", month(fact.fundingDecidedAt));
  add("days_to_qualification", daysBetween(fact.submittedAt, fact.qualifiedAt));
  add("days_to_assignment", daysBetween(fact.submittedAt, fact.assignedAt));
  add("days_to_funding_decision", daysBetween(fact.submittedAt, fact.fundingDecidedAt));
  if (!FINAL_STATUSES.includes(fact.status)) add(LAST_ACTIVITY_DIMENSION, parisDay(fact.lastActivityAt));
  return buckets;
}

/** The first day (YYYY-MM-DD, in Paris) on which a last activity no longer makes a project inactive, as of `now`: 90 calendar days before today in Paris. */
export function inactiveBefore(now: Date): string {
  return new Date(Date.parse(`${parisDay(now)}T00:00:00Z`) - INACTIVE_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** Sums of buckets, by dimension and key. */
export class BucketTotals {
  private readonly totals = new Map<string, Bucket>();

  add(bucket: Bucket, sign = 1): void {
    const id = `${bucket.dimension}\u0000${bucket.key}`;
    const total = this.totals.get(id) ?? { dimension: bucket.dimension, key: bucket.key, count: 0, budget: 0, amountRequested: 0, amountGranted: 0 };
    total.count += sign * bucket.count;
    total.budget += sign * bucket.budget;
    total.amountRequested += sign * bucket.amountRequested;
    total.amountGranted += sign * bucket.amountGranted;
    this.totals.set(id, total);
  }

  addFact(fact: Fact): void {
    for (const bucket of factBuckets(fact)) this.add(bucket);
  }

  /** The non-empty buckets of a dimension. */
  of(dimension: string): Bucket[] {
    return [...this.totals.values()].filter((b) => b.dimension === dimension && b.count !== 0);
  }

  get(dimension: string, key: string): Bucket | undefined {
    return this.totals.get(`${dimension}\u0000${key}`);
  }
}

/**
 * What changes in the rollups when a fact goes from `before` to `after`: for each territory of
 * each chain, minus the old buckets and plus the new ones, summed by (territory, dimension, key).
 */
export function rollupDeltas(changes: readonly { before: Fact | undefined; after: Fact }[]): (Bucket & { territoryId: string })[] {
  const deltas = new Map<string, Bucket & { territoryId: string }>();
  const apply = (fact: Fact, sign: number) => {
    if (!isRolledUp(fact)) return;
    const buckets = factBuckets(fact);
    for (const territoryId of fact.territoryIds) {
      for (const bucket of buckets) {
        const id = `${territoryId}\u0000${bucket.dimension}\u0000${bucket.key}`;
        const delta = deltas.get(id) ?? { territoryId, dimension: bucket.dimension, key: bucket.key, count: 0, budget: 0, amountRequested: 0, amountGranted: 0 };
        delta.count += sign * bucket.count;
        delta.budget += sign * bucket.budget;
        delta.amountRequested += sign * bucket.amountRequested;
        delta.amountGranted += sign * bucket.amountGranted;
        deltas.set(id, delta);
      }
    }
  };
  for (const { before, after } of changes) {
    if (before === after) continue;
    if (before) apply(before, -1);
    apply(after, 1);
  }
  return [...deltas.values()].filter((d) => d.count !== 0 || Math.abs(d.budget) >= 0.005 || Math.abs(d.amountRequested) >= 0.005 || Math.abs(d.amountGranted) >= 0.005);
}
