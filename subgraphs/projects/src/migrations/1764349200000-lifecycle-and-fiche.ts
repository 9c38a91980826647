import type { MigrationInterface, QueryRunner } from "typeorm";

/** The project fiche (phase, programmes, budget, schedule, état des lieux), the lifecycle, assignees, actors, conversation, idempotent journal entries. */
export class LifecycleAndFiche1764349200000 implements MigrationInterface {
  name = "LifecycleAndFiche1764349200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE project
        ADD COLUMN phase text NOT NULL DEFAULT 'IDEE',
        ADD COLUMN programmes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN budget_euros bigint CHECK (budget_euros >= 0),
        ADD COLUMN start_date date,
        ADD COLUMN end_date date,
        ADD COLUMN priority text,
        ADD COLUMN blocked_reason text,
        ADD COLUMN status_reason text,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN diagnostic jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE project SET submitted_at = created_at WHERE status <> 'DRAFT'`);
    await queryRunner.query(`CREATE INDEX project_inbox_idx ON project USING gin (territory_ids) WHERE status IN ('SUBMITTED', 'QUALIFIED')`);
    await queryRunner.query(`CREATE INDEX project_programmes_idx ON project USING gin (programmes)`);
    await queryRunner.query(`
      CREATE TABLE project_assignee (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        theme text,
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, person_id)
      )`);
    await queryRunner.query(`CREATE INDEX project_assignee_person_idx ON project_assignee (person_id)`);
    await queryRunner.query(`
      CREATE TABLE project_actor (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        organization_id text NOT NULL,
        added_by uuid,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, organization_id)
      )`);
    await queryRunner.query(`CREATE INDEX project_actor_organization_idx ON project_actor (organization_id)`);
    await queryRunner.query(`
      CREATE TABLE comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        author_id uuid,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`CREATE INDEX comment_project_idx ON comment (project_id, created_at, id)`);
    await queryRunner.query(`ALTER TABLE activity ADD COLUMN internal boolean NOT NULL DEFAULT false, ADD COLUMN idempotency_key text UNIQUE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE activity DROP COLUMN internal, DROP COLUMN idempotency_key`);
    await queryRunner.query(`DROP TABLE comment`);
    await queryRunner.query(`DROP TABLE project_actor`);
    await queryRunner.query(`DROP TABLE project_assignee`);
    await queryRunner.query(`DROP INDEX project_programmes_idx`);
    await queryRunner.query(`DROP INDEX project_inbox_idx`);
    await queryRunner.query(`ALTER TABLE project DROP COLUMN phase, DROP COLUMN programmes, DROP COLUMN budget_euros, DROP COLUMN start_date,
      DROP COLUMN end_date, DROP COLUMN priority, DROP COLUMN blocked_reason, DROP COLUMN status_reason, DROP COLUMN submitted_at, DROP COLUMN diagnostic`);
  }
}
