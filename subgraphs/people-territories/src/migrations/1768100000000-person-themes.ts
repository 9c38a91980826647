import type { MigrationInterface, QueryRunner } from "typeorm";

/** The themes a person follows (a State agent's specialities, Aides-Territoires slugs): by which a project is assigned. */
export class PersonThemes1768100000000 implements MigrationInterface {
  name = "PersonThemes1768100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE person ADD COLUMN themes text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE person DROP COLUMN themes`);
  }
}
