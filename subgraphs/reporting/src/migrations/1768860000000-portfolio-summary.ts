import type { MigrationInterface, QueryRunner } from "typeorm";
import { refreshAllSummaries } from "../services/summary-store.service";

/**
 * `portfolio_summary`: each territory's figures kept at write time (see the entity), filled here
 * from the rollups already there (no replay of the journal). Its rows are rewritten by every
 * batch that touches the territory: a small fillfactor and an eager autovacuum, as the rollups.
 */
export class PortfolioSummary1768860000000 implements MigrationInterface {
  name = "PortfolioSummary1768860000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portfolio_summary (territory_id text PRIMARY KEY, figures jsonb NOT NULL)
      WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`);
    await refreshAllSummaries(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE portfolio_summary`);
  }
}
