import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A discarded suggestion can be restored: a discard becomes a row of history with its own id,
 * `restored_by` and `restored_at`; at most one discard per project and resource is in force
 * (not restored), so a suggestion may be discarded, restored and discarded again.
 */
export class SuggestionRestore1768860000000 implements MigrationInterface {
  name = "SuggestionRestore1768860000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE suggestion_discard ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`);
    await queryRunner.query(`ALTER TABLE suggestion_discard ADD COLUMN restored_by uuid, ADD COLUMN restored_at timestamptz`);
    await queryRunner.query(`ALTER TABLE suggestion_discard DROP CONSTRAINT suggestion_discard_pkey`);
    await queryRunner.query(`ALTER TABLE suggestion_discard ADD PRIMARY KEY (id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX suggestion_discard_in_force_idx ON suggestion_discard (project_id, resource_id) WHERE restored_at IS NULL`);
    await queryRunner.query(`CREATE INDEX suggestion_discard_project_idx ON suggestion_discard (project_id, discarded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM suggestion_discard WHERE restored_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX suggestion_discard_project_idx`);
    await queryRunner.query(`DROP INDEX suggestion_discard_in_force_idx`);
    await queryRunner.query(`ALTER TABLE suggestion_discard DROP CONSTRAINT suggestion_discard_pkey`);
    await queryRunner.query(`ALTER TABLE suggestion_discard ADD PRIMARY KEY (project_id, resource_id)`);
    await queryRunner.query(`ALTER TABLE suggestion_discard DROP COLUMN id, DROP COLUMN restored_by, DROP COLUMN restored_at`);
  }
}
