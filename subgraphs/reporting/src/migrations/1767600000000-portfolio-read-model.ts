import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The portfolio read model: `project_fact` gains what the portfolio, its filters and the exports
 * read (title, programmes, phase, owner, amounts, the date of each step, the last activity);
 * `funding_application_fact` keeps each funding application's latest state; `portfolio_rollup`
 * holds the counts and amounts of every territory, maintained at write time. The facts written
 * before had none of these columns: they are emptied with the offset, and the consumer replays
 * the journal from zero.
 */
export class PortfolioReadModel1767600000000 implements MigrationInterface {
  name = "PortfolioReadModel1767600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM journal_offset`);
    await queryRunner.query(`DELETE FROM project_fact`);
    await queryRunner.query(`
      ALTER TABLE project_fact
        ADD COLUMN territory_id text NOT NULL,
        ADD COLUMN title text NOT NULL,
        ADD COLUMN programmes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN phase text NOT NULL,
        ADD COLUMN owner_id text NOT NULL,
        ADD COLUMN actor_organization_ids text[] NOT NULL DEFAULT '{}',
        ADD COLUMN budget numeric(16, 2),
        ADD COLUMN amount_requested numeric(16, 2) NOT NULL DEFAULT 0,
        ADD COLUMN amount_granted numeric(16, 2) NOT NULL DEFAULT 0,
        ADD COLUMN created_at timestamptz NOT NULL,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN qualified_at timestamptz,
        ADD COLUMN assigned_at timestamptz,
        ADD COLUMN funding_decided_at timestamptz,
        ADD COLUMN last_activity_at timestamptz NOT NULL`);
    // Drafts are counted at read time for the organisations that may see them.
    await queryRunner.query(`CREATE INDEX project_fact_draft_owner_idx ON project_fact (owner_id) WHERE status = 'DRAFT'`);
    await queryRunner.query(`CREATE INDEX project_fact_created_at_idx ON project_fact (created_at)`);
    await queryRunner.query(`
      CREATE TABLE funding_application_fact (
        application_id text PRIMARY KEY,
        project_id uuid NOT NULL,
        procedure text NOT NULL,
        dossier_number text,
        status text NOT NULL,
        amount_requested numeric(16, 2),
        amount_granted numeric(16, 2),
        decided_at timestamptz,
        last_activity_id bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX funding_application_fact_project_idx ON funding_application_fact (project_id)`);
    await queryRunner.query(`
      CREATE TABLE portfolio_rollup (
        territory_id text NOT NULL,
        dimension text NOT NULL,
        key text NOT NULL,
        count integer NOT NULL DEFAULT 0,
        budget numeric(18, 2) NOT NULL DEFAULT 0,
        amount_requested numeric(18, 2) NOT NULL DEFAULT 0,
        amount_granted numeric(18, 2) NOT NULL DEFAULT 0,
        PRIMARY KEY (territory_id, dimension, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE portfolio_rollup`);
    await queryRunner.query(`DROP TABLE funding_application_fact`);
    await queryRunner.query(`DROP INDEX project_fact_created_at_idx`);
    await queryRunner.query(`DROP INDEX project_fact_draft_owner_idx`);
    await queryRunner.query(`DELETE FROM journal_offset`);
    await queryRunner.query(`DELETE FROM project_fact`);
    await queryRunner.query(`
      ALTER TABLE project_fact
        DROP COLUMN territory_id, DROP COLUMN title, DROP COLUMN programmes, DROP COLUMN phase, DROP COLUMN owner_id,
        DROP COLUMN actor_organization_ids, DROP COLUMN budget, DROP COLUMN amount_requested, DROP COLUMN amount_granted,
        DROP COLUMN created_at, DROP COLUMN submitted_at, DROP COLUMN qualified_at, DROP COLUMN assigned_at,
        DROP COLUMN funding_decided_at, DROP COLUMN last_activity_at`);
  }
}
