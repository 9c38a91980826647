import type { MigrationInterface, QueryRunner } from "typeorm";

/** The cache of Aides-Territoires answers across requests: aid searches and aids. */
export class AidCache1767000000000 implements MigrationInterface {
  name = "AidCache1767000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aid_search (
        key text PRIMARY KEY,
        criteria jsonb NOT NULL,
        aid_ids integer[] NOT NULL,
        total integer NOT NULL,
        etags text[] NOT NULL,
        fetched_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE aid (
        id integer PRIMARY KEY,
        body jsonb NOT NULL,
        etag text,
        fetched_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aid`);
    await queryRunner.query(`DROP TABLE aid_search`);
  }
}
