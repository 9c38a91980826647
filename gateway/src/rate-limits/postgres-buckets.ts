import { openDatabase, type Database } from "@hub/kit";
import { retryAfterMs, type BucketShape, type Buckets, type Take } from "./buckets";
import { RateBuckets1768300000000 } from "./migrations/1768300000000-rate-buckets";

export const GATEWAY_MIGRATIONS = [RateBuckets1768300000000];

/** The bucket after refilling it for the time since its last take, capped at its capacity ($2: capacity, $3: per second). */
const REFILLED = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)) * $3::float8)`;

/**
 * One statement per take, atomic under concurrency (the row is locked by the upsert): a new
 * caller starts with a full bucket less `$4` tokens (when they fit); an existing one is refilled
 * for the time elapsed, then gives `$4` tokens if it has them. `allowed` and what is left come back.
 */
const TAKE = `
  INSERT INTO rate_bucket AS b (key, tokens, allowed, updated_at)
    VALUES ($1, CASE WHEN $2::float8 >= $4::float8 THEN $2::float8 - $4::float8 ELSE $2::float8 END, $2::float8 >= $4::float8, now())
  ON CONFLICT (key) DO UPDATE SET
    tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= $4::float8 THEN $4::float8 ELSE 0 END,
    allowed = ${REFILLED} >= $4::float8,
    updated_at = now()
  RETURNING allowed, tokens`;

/** Buckets idle this long are full again for any shape the gateway uses (refilled in at most a minute): dropped. */
const SWEEP = `DELETE FROM rate_bucket WHERE updated_at < now() - interval '10 minutes'`;

/**
 * Token buckets in the gateway's own PostgreSQL database (GATEWAY_DATABASE_URL), shared by
 * every replica: one round trip per request, no lock held between requests. Idle buckets are
 * swept every 10 minutes.
 */
export class PostgresBuckets implements Buckets {
  private readonly sweep: NodeJS.Timeout;

  private constructor(private readonly database: Database) {
    this.sweep = setInterval(() => void this.database.dataSource.query(SWEEP).catch(() => undefined), 10 * 60_000);
    this.sweep.unref();
  }

  /** Opens (creating it if allowed) and migrates the gateway's database. */
  static async open(url: string): Promise<PostgresBuckets> {
    return new PostgresBuckets(await openDatabase({ url, entities: [], migrations: GATEWAY_MIGRATIONS, poolSize: 5 }));
  }

  async take(key: string, shape: BucketShape, amount = 1): Promise<Take> {
    const rows = await this.database.dataSource.query<{ allowed: boolean; tokens: number }[]>(TAKE, [key, shape.capacity, shape.perSecond, amount]);
    const { allowed, tokens } = rows[0];
    return { allowed, retryAfterMs: allowed ? 0 : retryAfterMs(tokens, shape, amount) };
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.database.dataSource.destroy();
  }
}
