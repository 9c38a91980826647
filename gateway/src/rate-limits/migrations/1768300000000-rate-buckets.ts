/** The part of typeorm's QueryRunner a migration uses. */
interface QueryRunner {
  query(sql: string): Promise<unknown>;
}

/**
 * The gateway's database: one token bucket per caller (`key`: `apikey:<id>`, `person:<id>` or
 * `address:<ip>`), shared by every replica. `tokens` is what was left at `updated_at` (the
 * database's clock, the same for all replicas); `allowed` is the answer of the last take.
 */
export class RateBuckets1768300000000 {
  name = "RateBuckets1768300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_bucket (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        allowed boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The sweep of idle buckets (a full bucket is the same as none).
    await queryRunner.query(`CREATE INDEX rate_bucket_updated_at_idx ON rate_bucket (updated_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_bucket`);
  }
}
