import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Imported projects keep the id their source gave them (a CRTE's "fiche action" number), so
 * that importing the same file again updates them instead of adding copies: unique per source.
 */
export class ExternalId1767650000000 implements MigrationInterface {
  name = "ExternalId1767650000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project ADD COLUMN external_source text, ADD COLUMN external_id text`);
    await queryRunner.query(`ALTER TABLE project ADD CONSTRAINT project_external_id_source CHECK ((external_source IS NULL) = (external_id IS NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX project_external_id ON project (external_source, external_id) WHERE external_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX project_external_id`);
    await queryRunner.query(`ALTER TABLE project DROP CONSTRAINT project_external_id_source, DROP COLUMN external_source, DROP COLUMN external_id`);
  }
}
