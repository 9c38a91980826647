import type { MigrationInterface, QueryRunner } from "typeorm";

/** The état des lieux questionnaires per theme, their versions, and projects' answers to a version. */
export class Questionnaires1768710000000 implements MigrationInterface {
  name = "Questionnaires1768710000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE questionnaire (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme text NOT NULL UNIQUE,
        current_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`
      CREATE TABLE questionnaire_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id) ON DELETE CASCADE,
        version integer NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        sets jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        UNIQUE (questionnaire_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE questionnaire_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        version_id uuid NOT NULL REFERENCES questionnaire_version (id),
        answers jsonb NOT NULL DEFAULT '[]',
        tags text[] NOT NULL DEFAULT '{}',
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        UNIQUE (project_id, version_id)
      )`);
    await queryRunner.query(`CREATE INDEX questionnaire_response_project_idx ON questionnaire_response (project_id, questionnaire_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE questionnaire_response`);
    await queryRunner.query(`DROP TABLE questionnaire_version`);
    await queryRunner.query(`DROP TABLE questionnaire`);
  }
}
