import type { MigrationInterface, QueryRunner } from "typeorm";

/** Indexes for search by INSEE code and SIREN (postcodes use the GIN index with @>). */
export class SearchIndexes1764352800000 implements MigrationInterface {
  name = "SearchIndexes1764352800000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX territory_code_idx ON territory (code)`);
    await queryRunner.query(`CREATE INDEX territory_siren_idx ON territory (siren)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX territory_siren_idx`);
    await queryRunner.query(`DROP INDEX territory_code_idx`);
  }
}
