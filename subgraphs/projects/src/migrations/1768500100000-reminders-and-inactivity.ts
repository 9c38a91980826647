import type { MigrationInterface, QueryRunner } from "typeorm";

/** "Où en êtes-vous ?" reminders (weeks per département) and the inactive flag of projects. */
export class RemindersAndInactivity1768500100000 implements MigrationInterface {
  name = "RemindersAndInactivity1768500100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project ADD COLUMN inactive_since timestamptz, ADD COLUMN inactive_reason text`);
    await queryRunner.query(`
      CREATE TABLE reminder_setting (
        territory_id text PRIMARY KEY,
        weeks integer NOT NULL CHECK (weeks BETWEEN 1 AND 52),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The board counts and lists a territory's projects by status.
    await queryRunner.query(`CREATE INDEX project_status_updated_idx ON project (status, updated_at DESC, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX project_status_updated_idx`);
    await queryRunner.query(`DROP TABLE reminder_setting`);
    await queryRunner.query(`ALTER TABLE project DROP COLUMN inactive_since, DROP COLUMN inactive_reason`);
  }
}
