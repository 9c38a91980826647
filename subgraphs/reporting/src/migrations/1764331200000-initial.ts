import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1764331200000 implements MigrationInterface {
  name = "Initial1764331200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_fact (
        project_id uuid PRIMARY KEY,
        territory_ids text[] NOT NULL,
        status text NOT NULL,
        themes text[] NOT NULL DEFAULT '{}',
        last_activity_id bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX project_fact_territory_ids_idx ON project_fact USING gin (territory_ids)`);
    await queryRunner.query(`CREATE TABLE journal_offset (name text PRIMARY KEY, last_id bigint NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE journal_offset`);
    await queryRunner.query(`DROP TABLE project_fact`);
  }
}
