import type { MigrationInterface, QueryRunner } from "typeorm";

const MONTHS: [string, string][] = [
  ["created_month", "created_at"],
  ["submitted_month", "submitted_at"],
  ["qualified_month", "qualified_at"],
  ["assigned_month", "assigned_at"],
  ["funding_decided_month", "funding_decided_at"],
];

/** Recomputes, from the facts, the stored buckets that are dates, in the time zone given: the months of the steps and the last-activity days. */
async function rebucket(queryRunner: QueryRunner, zone: string): Promise<void> {
  const dimensions = MONTHS.map(([dimension]) => `'${dimension}'`).join(", ");
  await queryRunner.query(`DELETE FROM portfolio_rollup WHERE dimension IN (${dimensions})`);
  await queryRunner.query(`
    INSERT INTO portfolio_rollup (territory_id, dimension, key, count, budget, amount_requested, amount_granted)
    SELECT t.territory_id, b.dimension, b.key, count(*)::int, COALESCE(sum(f.budget), 0), sum(f.amount_requested), sum(f.amount_granted)
      FROM project_fact f CROSS JOIN unnest(f.territory_ids) AS t(territory_id)
      CROSS JOIN LATERAL (VALUES ${MONTHS.map(([dimension, column]) => `('${dimension}', to_char(f.${column} AT TIME ZONE '${zone}', 'YYYY-MM'))`).join(", ")}) AS b(dimension, key)
     WHERE f.status <> 'DRAFT' AND b.key IS NOT NULL
     GROUP BY t.territory_id, b.dimension, b.key`);
  await queryRunner.query(`DELETE FROM portfolio_histogram WHERE dimension = 'last_activity_day'`);
  await queryRunner.query(`
    INSERT INTO portfolio_histogram (territory_id, dimension, counts)
    SELECT territory_id, 'last_activity_day', histogram_add('{}', array_agg(idx), array_agg(count))
      FROM (SELECT t.territory_id, (f.last_activity_at AT TIME ZONE '${zone}')::date - DATE '1970-01-01' AS idx, count(*)::int AS count
              FROM project_fact f CROSS JOIN unnest(f.territory_ids) AS t(territory_id)
             WHERE f.status NOT IN ('DRAFT', 'COMPLETED', 'ABANDONED')
             GROUP BY 1, 2) AS d
     GROUP BY territory_id`);
}

/**
 * Months and days in Paris: the months of the steps (`portfolioSeries`) and the day of the last
 * activity (the inactive count) were UTC; a project submitted on 31 March at 23:30 in Paris
 * belongs to March for the French State. Those buckets are recomputed from the facts (no
 * replay of the journal); the delays (elapsed whole days) do not depend on the time zone.
 */
export class ParisTime1768850000000 implements MigrationInterface {
  name = "ParisTime1768850000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebucket(queryRunner, "Europe/Paris");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rebucket(queryRunner, "UTC");
  }
}
