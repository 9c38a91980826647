import type { MigrationInterface, QueryRunner } from "typeorm";

/** Recommendations pushed to projects, their follow-ups and read receipts. */
export class Recommendations1768500000000 implements MigrationInterface {
  name = "Recommendations1768500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recommendation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        resource_id uuid,
        contact_id uuid,
        contact_text text,
        title text NOT NULL,
        why text NOT NULL DEFAULT '',
        what_to_do text NOT NULL DEFAULT '',
        deadline date,
        priority text NOT NULL DEFAULT 'NORMAL',
        status text NOT NULL DEFAULT 'PROPOSED',
        visibility text NOT NULL DEFAULT 'DRAFT',
        block_activity_id bigint REFERENCES activity (id),
        author_id uuid,
        author_organization_id text,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`CREATE INDEX recommendation_project_idx ON recommendation (project_id, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE recommendation_follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recommendation_id uuid NOT NULL REFERENCES recommendation (id) ON DELETE CASCADE,
        author_id uuid,
        comment text NOT NULL DEFAULT '',
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`CREATE INDEX recommendation_follow_up_idx ON recommendation_follow_up (recommendation_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE recommendation_read (
        recommendation_id uuid NOT NULL REFERENCES recommendation (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        read_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (recommendation_id, person_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE recommendation_read`);
    await queryRunner.query(`DROP TABLE recommendation_follow_up`);
    await queryRunner.query(`DROP TABLE recommendation`);
  }
}
