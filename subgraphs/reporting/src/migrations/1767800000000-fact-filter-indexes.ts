import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Filtered portfolios are aggregated in PostgreSQL from the matching facts: GIN indexes on
 * `themes` and `programmes` let a filter on either find its facts without reading them all
 * (`territory_ids` has had one since the first migration).
 */
export class FactFilterIndexes1767800000000 implements MigrationInterface {
  name = "FactFilterIndexes1767800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX project_fact_themes_idx ON project_fact USING gin (themes)`);
    await queryRunner.query(`CREATE INDEX project_fact_programmes_idx ON project_fact USING gin (programmes)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX project_fact_programmes_idx`);
    await queryRunner.query(`DROP INDEX project_fact_themes_idx`);
  }
}
