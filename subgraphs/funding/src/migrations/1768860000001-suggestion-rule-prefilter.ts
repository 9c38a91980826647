import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The rules matching a project are selected in SQL: each criterion gets a generated "keys" column
 * (the criterion, or '{*}' when it is empty: it matches every project) with a GIN index, so that
 * `tag_keys && (project tags || '*')` and the like find the candidate rules through the indexes.
 * '*' is never a tag, a theme slug nor a territory id (see rules/suggestions.ts).
 */
export class SuggestionRulePrefilter1768860000001 implements MigrationInterface {
  name = "SuggestionRulePrefilter1768860000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE suggestion_rule
        ADD COLUMN tag_keys text[] GENERATED ALWAYS AS (CASE WHEN cardinality(tags) = 0 THEN ARRAY['*'] ELSE tags END) STORED,
        ADD COLUMN theme_keys text[] GENERATED ALWAYS AS (CASE WHEN cardinality(themes) = 0 THEN ARRAY['*'] ELSE themes END) STORED,
        ADD COLUMN territory_keys text[] GENERATED ALWAYS AS (CASE WHEN cardinality(territory_ids) = 0 THEN ARRAY['*'] ELSE territory_ids END) STORED`);
    await queryRunner.query(`DROP INDEX suggestion_rule_tags_idx`);
    await queryRunner.query(`CREATE INDEX suggestion_rule_tag_keys_idx ON suggestion_rule USING gin (tag_keys)`);
    await queryRunner.query(`CREATE INDEX suggestion_rule_theme_keys_idx ON suggestion_rule USING gin (theme_keys)`);
    await queryRunner.query(`CREATE INDEX suggestion_rule_territory_keys_idx ON suggestion_rule USING gin (territory_keys)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX suggestion_rule_territory_keys_idx`);
    await queryRunner.query(`DROP INDEX suggestion_rule_theme_keys_idx`);
    await queryRunner.query(`DROP INDEX suggestion_rule_tag_keys_idx`);
    await queryRunner.query(`ALTER TABLE suggestion_rule DROP COLUMN tag_keys, DROP COLUMN theme_keys, DROP COLUMN territory_keys`);
    await queryRunner.query(`CREATE INDEX suggestion_rule_tags_idx ON suggestion_rule USING gin (tags)`);
  }
}
