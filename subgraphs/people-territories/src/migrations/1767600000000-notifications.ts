import type { MigrationInterface, QueryRunner } from "typeorm";

/** E-mail notifications: each person's frequency, the outbox and the journal offset of its consumer. */
export class Notifications1767600000000 implements MigrationInterface {
  name = "Notifications1767600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE person ADD COLUMN notification_frequency text NOT NULL DEFAULT 'IMMEDIATE' CHECK (notification_frequency IN ('IMMEDIATE', 'DAILY_DIGEST'))`);
    await queryRunner.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        activity_id bigint NOT NULL,
        project_id uuid NOT NULL,
        event text NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        link text NOT NULL,
        digest boolean NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person_id, activity_id)
      )`);
    // The sender's scan: what is pending and due.
    await queryRunner.query(`CREATE INDEX notification_pending_idx ON notification (due_at) WHERE status = 'PENDING'`);
    // started_at: activities before the consumer's first start (demo data, history) are not news.
    await queryRunner.query(`CREATE TABLE journal_offset (name text PRIMARY KEY, last_id bigint NOT NULL, started_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE journal_offset`);
    await queryRunner.query(`DROP TABLE notification`);
    await queryRunner.query(`ALTER TABLE person DROP COLUMN notification_frequency`);
  }
}
