import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A histogram of a territory's rollups, kept at write time like `portfolio_rollup` (drafts never
 * in it): projects by whole days from submission to a step (`days_to_qualification`,
 * `days_to_assignment`, `days_to_funding_decision`, for exact medians), and open projects by the
 * day of their last activity (`last_activity_day`, for the inactive count). One row per
 * territory and dimension: `counts[i]` is the number of projects at day `i` (the delay in days,
 * or the day's number since 1970-01-01); the array starts at its first day, NULL or 0 where none.
 */
@Entity("portfolio_histogram")
export class PortfolioHistogram {
  @PrimaryColumn("text", { name: "territory_id" })
  territoryId!: string;

  @PrimaryColumn("text")
  dimension!: string;

  @Column("int", { array: true })
  counts!: (number | null)[];
}
