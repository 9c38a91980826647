import { Column, Entity, PrimaryColumn } from "typeorm";
import { EUROS } from "./project-fact.entity";

/**
 * One bucket of a territory's portfolio, kept at write time: when a fact changes, the buckets
 * of its old state are decremented and those of its new state incremented, for every territory
 * of its chain ("FRANCE" included). Drafts are never in it (they are counted at read time for
 * the organisations that may see them).
 */
@Entity("portfolio_rollup")
export class PortfolioRollup {
  @PrimaryColumn("text", { name: "territory_id" })
  territoryId!: string;

  /** What the bucket groups by: all, status, theme, programme, phase, a month of a step, a delay in days, the day of the last activity. */
  @PrimaryColumn("text")
  dimension!: string;

  /** The bucket within its dimension ("" for all). */
  @PrimaryColumn("text")
  key!: string;

  @Column("integer")
  count!: number;

  @Column("numeric", { precision: 18, scale: 2, transformer: EUROS })
  budget!: number;

  @Column("numeric", { name: "amount_requested", precision: 18, scale: 2, transformer: EUROS })
  amountRequested!: number;

  @Column("numeric", { name: "amount_granted", precision: 18, scale: 2, transformer: EUROS })
  amountGranted!: number;
}
