import type { MigrationInterface, QueryRunner } from "typeorm";

/** Read marks: the last activity of a project each person has read, for unread counts. */
export class ReadMarks1767600000000 implements MigrationInterface {
  name = "ReadMarks1767600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_read (
        person_id uuid NOT NULL,
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        last_activity_id bigint NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, project_id)
      )`);
    // Unread counts scan a project's journal after its mark with activity_project_idx (project_id, id).
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE project_read`);
  }
}
