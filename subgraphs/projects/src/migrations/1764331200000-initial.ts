import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1764331200000 implements MigrationInterface {
  name = "Initial1764331200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await queryRunner.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'DRAFT',
        themes text[] NOT NULL DEFAULT '{}',
        territory_id text NOT NULL,
        territory_ids text[] NOT NULL,
        owner_id text NOT NULL,
        created_by_id uuid,
        -- Millisecond precision: cursors carry JavaScript dates.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX project_created_idx ON project (created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX project_territory_ids_idx ON project USING gin (territory_ids)`);
    await queryRunner.query(`CREATE INDEX project_themes_idx ON project USING gin (themes)`);
    await queryRunner.query(`
      CREATE TABLE activity (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        project_id uuid NOT NULL REFERENCES project (id),
        actor_id uuid,
        summary text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX activity_project_idx ON activity (project_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity`);
    await queryRunner.query(`DROP TABLE project`);
  }
}
