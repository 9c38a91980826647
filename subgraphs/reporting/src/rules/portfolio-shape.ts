import type { Bucket, BucketTotals } from "./portfolio-buckets";

/** What a portfolio answers, before GraphQL. */
export interface PortfolioFigures {
  currentAt: string;
  projectCount: number;
  byStatus: { status: string; count: number }[];
  byTheme: KeyFigures[];
  byProgramme: KeyFigures[];
  byPhase: KeyFigures[];
  amounts: { budget: number; amountRequested: number; amountGranted: number };
  medianDays: { toQualification: number | null; toAssignment: number | null; toFundingDecision: number | null };
  inactiveProjectCount: number;
}

export interface KeyFigures {
  key: string;
  count: number;
  budget: number;
  amountRequested: number;
  amountGranted: number;
}

export interface SeriesPoint {
  period: string;
  created: number;
  submitted: number;
  qualified: number;
  assigned: number;
  fundingDecided: number;
  amountGranted: number;
}

/** Most frequent first, then by key. */
const byCount =
  <T extends { count: number }>(key: (item: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || key(a).localeCompare(key(b));
const money = (value: number) => Math.round(value * 100) / 100;
const keyFigures = (b: Bucket): KeyFigures => ({ key: b.key, count: b.count, budget: money(b.budget), amountRequested: money(b.amountRequested), amountGranted: money(b.amountGranted) });

/** The exact median of a histogram of whole days (null when empty). */
export function medianOf(histogram: readonly Bucket[]): number | null {
  const bins = histogram.map((b) => ({ days: Number(b.key), count: b.count })).sort((a, b) => a.days - b.days);
  const total = bins.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  // The values at ranks lo and hi (1-based); equal when the total is odd.
  const lo = Math.floor((total + 1) / 2);
  const hi = Math.floor(total / 2) + 1;
  let seen = 0;
  let low = 0;
  let found = false;
  for (const bin of bins) {
    seen += bin.count;
    if (!found && seen >= lo) [low, found] = [bin.days, true];
    if (seen >= hi) return (low + bin.days) / 2;
  }
  return low;
}

export function portfolioFigures(totals: BucketTotals, currentAt: string, inactiveProjectCount: number): PortfolioFigures {
  const all = totals.get("all", "");
  return {
    currentAt,
    projectCount: all?.count ?? 0,
    byStatus: totals
      .of("status")
      .map((b) => ({ status: b.key, count: b.count }))
      .sort(byCount((s) => s.status)),
    byTheme: totals
      .of("theme")
      .map(keyFigures)
      .sort(byCount((k) => k.key)),
    byProgramme: totals
      .of("programme")
      .map(keyFigures)
      .sort(byCount((k) => k.key)),
    byPhase: totals
      .of("phase")
      .map(keyFigures)
      .sort(byCount((k) => k.key)),
    amounts: { budget: money(all?.budget ?? 0), amountRequested: money(all?.amountRequested ?? 0), amountGranted: money(all?.amountGranted ?? 0) },
    medianDays: {
      toQualification: medianOf(totals.of("days_to_qualification")),
      toAssignment: medianOf(totals.of("days_to_assignment")),
      toFundingDecision: medianOf(totals.of("days_to_funding_decision")),
    },
    inactiveProjectCount,
  };
}

/** Months from `from` to `to` (YYYY-MM, both included). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number);
  for (;;) {
    const period = `${year}-${String(month).padStart(2, "0")}`;
    if (period > to) return months;
    months.push(period);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** One point per month, from the first to the last month with data (or the bounds given), gaps as zeros. */
export function seriesPoints(totals: BucketTotals, bounds: { from: string | null; to: string | null }): SeriesPoint[] {
  const dimension = { created: "created_month", submitted: "submitted_month", qualified: "qualified_month", assigned: "assigned_month", fundingDecided: "funding_decided_month" } as const;
  const periods = Object.values(dimension).flatMap((d) => totals.of(d).map((b) => b.key));
  if (periods.length === 0 && (!bounds.from || !bounds.to)) return [];
  const from = bounds.from ?? periods.reduce((a, b) => (a < b ? a : b));
  const to = bounds.to ?? periods.reduce((a, b) => (a > b ? a : b));
  return monthsBetween(from, to).map((period) => ({
    period,
    created: totals.get(dimension.created, period)?.count ?? 0,
    submitted: totals.get(dimension.submitted, period)?.count ?? 0,
    qualified: totals.get(dimension.qualified, period)?.count ?? 0,
    assigned: totals.get(dimension.assigned, period)?.count ?? 0,
    fundingDecided: totals.get(dimension.fundingDecided, period)?.count ?? 0,
    amountGranted: money(totals.get(dimension.fundingDecided, period)?.amountGranted ?? 0),
  }));
}
