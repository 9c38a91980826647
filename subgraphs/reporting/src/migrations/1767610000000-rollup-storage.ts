import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `portfolio_rollup`'s rows are few and updated by every page of the journal (a page touches
 * FRANCE, its régions and départements): room left on each page lets PostgreSQL update them in
 * place (HOT, no new index entry), and an eager autovacuum keeps dead versions from piling up
 * during a catch-up of hundreds of thousands of activities (measured at 80,000 projects: 737,000
 * dead rows for 59,000 live ones, and reads of FRANCE touching every page of them).
 */
export class RollupStorage1767610000000 implements MigrationInterface {
  name = "RollupStorage1767610000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE portfolio_rollup SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE portfolio_rollup RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)`);
  }
}
