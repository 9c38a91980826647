import type { MigrationInterface, QueryRunner } from "typeorm";

/** Actions / recommendations of a project, and its attached documents (metadata; bytes in the storage). */
export class ActionsAndDocuments1764356400000 implements MigrationInterface {
  name = "ActionsAndDocuments1764356400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'PROPOSED',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`CREATE INDEX project_action_project_idx ON project_action (project_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`CREATE INDEX document_project_idx ON document (project_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE document`);
    await queryRunner.query(`DROP TABLE project_action`);
  }
}
