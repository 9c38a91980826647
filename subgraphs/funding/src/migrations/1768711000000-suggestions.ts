import type { MigrationInterface, QueryRunner } from "typeorm";

/** Suggestion rules (tags × themes × territory → resources) and the suggestions discarded per project. */
export class Suggestions1768711000000 implements MigrationInterface {
  name = "Suggestions1768711000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE suggestion_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        territory_ids text[] NOT NULL DEFAULT '{}',
        resource_ids uuid[] NOT NULL,
        owner_organization_id text,
        version integer NOT NULL,
        updated_by uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX suggestion_rule_tags_idx ON suggestion_rule USING gin (tags)`);
    await queryRunner.query(`
      CREATE TABLE suggestion_discard (
        project_id uuid NOT NULL,
        resource_id uuid NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
        discarded_by uuid,
        reason text NOT NULL DEFAULT '',
        discarded_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, resource_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE suggestion_discard`);
    await queryRunner.query(`DROP TABLE suggestion_rule`);
  }
}
