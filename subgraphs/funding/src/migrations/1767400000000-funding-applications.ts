import type { MigrationInterface, QueryRunner } from "typeorm";

/** Démarches Simplifiées dossiers, the API v2 sync cursors and the outbox of activities for projects. */
export class FundingApplications1767400000000 implements MigrationInterface {
  name = "FundingApplications1767400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funding_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        procedure text NOT NULL,
        demarche_number integer NOT NULL,
        dossier_number integer NOT NULL,
        dossier_id text NOT NULL,
        dossier_url text NOT NULL,
        prefill_token text NOT NULL,
        status text NOT NULL,
        amount_requested numeric,
        amount_granted numeric,
        submitted_at timestamptz,
        processed_at timestamptz,
        prepared_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (demarche_number, dossier_number)
      )`);
    await queryRunner.query(`CREATE INDEX funding_application_project ON funding_application (project_id, created_at)`);
    await queryRunner.query(`CREATE INDEX funding_application_open ON funding_application (demarche_number) WHERE status NOT IN ('ACCEPTE', 'REFUSE', 'SANS_SUITE')`);
    await queryRunner.query(`
      CREATE TABLE ds_sync_cursor (
        demarche_number integer PRIMARY KEY,
        updated_since timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE activity_outbox (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL,
        summary text NOT NULL,
        payload jsonb NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_error text
      )`);
    await queryRunner.query(`CREATE INDEX activity_outbox_pending ON activity_outbox (next_attempt_at) WHERE delivered_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity_outbox`);
    await queryRunner.query(`DROP TABLE ds_sync_cursor`);
    await queryRunner.query(`DROP TABLE funding_application`);
  }
}
