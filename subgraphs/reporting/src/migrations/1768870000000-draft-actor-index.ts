import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The drafts a viewer may count (`visibleDraftsCondition`) are found through two partial indexes:
 * the drafts' owner (since the read model's migration) and, here, their associated
 * organisations. Without it a national portfolio read every draft of France to find the
 * viewer's own (about 20 ms at 80,000 projects, against 0.06 ms with both indexes).
 */
export class DraftActorIndex1768870000000 implements MigrationInterface {
  name = "DraftActorIndex1768870000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX project_fact_draft_actor_idx ON project_fact USING gin (actor_organization_ids) WHERE status = 'DRAFT'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX project_fact_draft_actor_idx`);
  }
}
