import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A territory's portfolio figures without drafts (counts by status, theme, programme and phase,
 * amounts, exact medians), recomputed at write time from its rollups by the transaction that
 * changed them: a territory's portfolio is one row to read. Not in it: `currentAt` (the offset)
 * and the inactive count (it moves with the calendar: summed at read time from the territory's
 * last-activity histogram). No row: no project.
 */
@Entity("portfolio_summary")
export class PortfolioSummary {
  @PrimaryColumn("text", { name: "territory_id" })
  territoryId!: string;

  @Column("jsonb")
  figures!: unknown;
}
