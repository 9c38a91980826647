import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What `projects(orderBy:, updatedSince:)` pages on: one index per order (the sort value, then
 * the id), and `journal_position`, the id of a project's latest Activity, kept by a trigger in
 * the transaction that appends it (appends hold the journal's advisory lock until commit, so
 * positions become visible in increasing order: the guarantee of `updatedSince`).
 */
export class ListOrders1768200000000 implements MigrationInterface {
  name = "ListOrders1768200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project ADD COLUMN journal_position bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`UPDATE project p SET journal_position = a.last FROM (SELECT project_id, max(id) AS last FROM activity GROUP BY project_id) a WHERE a.project_id = p.id`);
    await queryRunner.query(`
      CREATE FUNCTION project_journal_position() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE project SET journal_position = NEW.id WHERE id = NEW.project_id AND journal_position < NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER activity_journal_position AFTER INSERT ON activity FOR EACH ROW EXECUTE FUNCTION project_journal_position()`);
    await queryRunner.query(`CREATE INDEX project_journal_position_idx ON project (journal_position, id)`);
    await queryRunner.query(`CREATE INDEX project_updated_idx ON project (updated_at, id)`);
    // The two sentinels of never-submitted projects (rules/project-order.ts), one per direction.
    await queryRunner.query(`CREATE INDEX project_submitted_desc_idx ON project ((COALESCE(submitted_at, to_timestamp(-62135596800))), id)`);
    await queryRunner.query(`CREATE INDEX project_submitted_asc_idx ON project ((COALESCE(submitted_at, to_timestamp(253402214400))), id)`);
    await queryRunner.query(`CREATE INDEX project_priority_idx ON project ((3 - CASE priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END), id)`);
    await queryRunner.query(`CREATE INDEX project_title_idx ON project (title, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ["project_title_idx", "project_priority_idx", "project_submitted_asc_idx", "project_submitted_desc_idx", "project_updated_idx", "project_journal_position_idx"]) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`DROP TRIGGER activity_journal_position ON activity`);
    await queryRunner.query(`DROP FUNCTION project_journal_position()`);
    await queryRunner.query(`ALTER TABLE project DROP COLUMN journal_position`);
  }
}
