import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1764331200000 implements MigrationInterface {
  name = "Initial1764331200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE perimeter (
        territory_id text PRIMARY KEY,
        perimeter_id integer,
        fetched_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE perimeter`);
  }
}
