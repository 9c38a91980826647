import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A programme's key may carry its own rate (requests per minute) and cost budget (per
 * operation), enforced by the gateway (null: the gateway's defaults), and may be limited to
 * registered operations (trusted documents).
 */
export class ApiKeyBudgets1768300000000 implements MigrationInterface {
  name = "ApiKeyBudgets1768300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key ADD COLUMN requests_per_minute integer CHECK (requests_per_minute BETWEEN 1 AND 60000)`);
    await queryRunner.query(`ALTER TABLE api_key ADD COLUMN max_operation_cost integer CHECK (max_operation_cost BETWEEN 1 AND 1000000)`);
    await queryRunner.query(`ALTER TABLE api_key ADD COLUMN trusted_operations_only boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key DROP COLUMN trusted_operations_only, DROP COLUMN max_operation_cost, DROP COLUMN requests_per_minute`);
  }
}
