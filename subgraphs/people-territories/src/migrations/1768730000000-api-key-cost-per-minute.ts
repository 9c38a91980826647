import type { MigrationInterface, QueryRunner } from "typeorm";

/** A programme's key may carry a cost budget per minute (the total estimated cost of its operations), enforced by the gateway (null: none). */
export class ApiKeyCostPerMinute1768730000000 implements MigrationInterface {
  name = "ApiKeyCostPerMinute1768730000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key ADD COLUMN cost_per_minute integer CHECK (cost_per_minute BETWEEN 1 AND 10000000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key DROP COLUMN cost_per_minute`);
  }
}
