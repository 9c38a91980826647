import type { MigrationInterface, QueryRunner } from "typeorm";

/** Editing and deleting recommendations: an optimistic version, and a soft delete that keeps follow-ups and the journal. */
export class RecommendationEdit1768760000000 implements MigrationInterface {
  name = "RecommendationEdit1768760000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recommendation ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN deleted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recommendation DROP COLUMN version, DROP COLUMN deleted_at`);
  }
}
