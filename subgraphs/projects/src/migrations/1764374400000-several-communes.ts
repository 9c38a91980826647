import type { MigrationInterface, QueryRunner } from "typeorm";

/** A project may concern other communes besides its main territory (an intercommunal cycle path, a shared school). */
export class SeveralCommunes1764374400000 implements MigrationInterface {
  name = "SeveralCommunes1764374400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project ADD COLUMN other_commune_ids text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project DROP COLUMN other_commune_ids`);
  }
}
