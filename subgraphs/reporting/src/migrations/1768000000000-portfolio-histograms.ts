import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The histograms of the rollups (days from submission to each step, for exact medians, and the
 * day of the last activity of open projects, for the inactive count) were one row per day in
 * `portfolio_rollup`: a national read touched about 1,500 rows, each on a page of its own. They
 * become one row per territory and dimension, `portfolio_histogram.counts`, an integer array
 * whose subscripts are the days (whole days of a delay; days since 1970-01-01 for the last
 * activity). `histogram_add(counts, idx, deltas)` adds deltas at subscripts, growing the array
 * either way. The rows already rolled up move there, in this migration: no replay needed.
 */
export class PortfolioHistograms1768000000000 implements MigrationInterface {
  name = "PortfolioHistograms1768000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION histogram_add(counts int[], idx int[], deltas int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE
        result int[] := COALESCE(counts, '{}');
      BEGIN
        FOR i IN 1 .. COALESCE(cardinality(idx), 0) LOOP
          IF deltas[i] <> 0 THEN
            result[idx[i]] := COALESCE(result[idx[i]], 0) + deltas[i];
          END IF;
        END LOOP;
        RETURN result;
      END $$`);
    await queryRunner.query(`
      CREATE TABLE portfolio_histogram (
        territory_id text NOT NULL,
        dimension text NOT NULL,
        counts int[] NOT NULL,
        PRIMARY KEY (territory_id, dimension)
      ) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`);
    await queryRunner.query(`
      INSERT INTO portfolio_histogram (territory_id, dimension, counts)
      SELECT territory_id, dimension, histogram_add('{}', array_agg(idx), array_agg(count))
        FROM (SELECT territory_id, dimension, count,
                     CASE WHEN dimension = 'last_activity_day' THEN key::date - DATE '1970-01-01' ELSE key::int END AS idx
                FROM portfolio_rollup
               WHERE dimension IN ('days_to_qualification', 'days_to_assignment', 'days_to_funding_decision', 'last_activity_day')) AS r
       GROUP BY territory_id, dimension`);
    await queryRunner.query(`DELETE FROM portfolio_rollup WHERE dimension IN ('days_to_qualification', 'days_to_assignment', 'days_to_funding_decision', 'last_activity_day')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO portfolio_rollup (territory_id, dimension, key, count, budget, amount_requested, amount_granted)
      SELECT h.territory_id, h.dimension,
             CASE WHEN h.dimension = 'last_activity_day' THEN to_char(DATE '1970-01-01' + i, 'YYYY-MM-DD') ELSE i::text END, h.counts[i], 0, 0, 0
        FROM portfolio_histogram h CROSS JOIN LATERAL generate_subscripts(h.counts, 1) AS i
       WHERE h.counts[i] <> 0`);
    await queryRunner.query(`DROP TABLE portfolio_histogram`);
    await queryRunner.query(`DROP FUNCTION histogram_add(int[], int[], int[])`);
  }
}
