import type { MigrationInterface, QueryRunner } from "typeorm";

/** `grist_sync`: the Grist tables kept current from the journal, one per document and table. */
export class GristSync1767700000000 implements MigrationInterface {
  name = "GristSync1767700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE grist_sync (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_id text NOT NULL,
        table_id text NOT NULL,
        filter jsonb NOT NULL DEFAULT '{}',
        viewer jsonb NOT NULL,
        last_cursor bigint NOT NULL DEFAULT 0,
        last_synced_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (doc_id, table_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE grist_sync`);
  }
}
