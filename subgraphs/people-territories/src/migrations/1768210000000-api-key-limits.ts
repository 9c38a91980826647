import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A programme's API key may be limited to programmes and/or territories (issue 12): it then
 * reads only the projects, and the figures, of those. Existing keys keep reading all of France.
 */
export class ApiKeyLimits1768210000000 implements MigrationInterface {
  name = "ApiKeyLimits1768210000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key ADD COLUMN programmes text[] NOT NULL DEFAULT '{}', ADD COLUMN territory_ids text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key DROP COLUMN programmes, DROP COLUMN territory_ids`);
  }
}
