import { openDatabase, type Database } from "@hub/kit";
import { retryAfterMs, type BucketShape, type Buckets, type Take } from "./buckets";
import { RateBuckets1768300000000 } from "./migrations/1768300000000-rate-buckets";

export const GATEWAY_MIGRATIONS = [RateBuckets1768300000000];

/** The bucket after refilling it for the time since its last take, capped at its capacity ($2: capacity, $3: per second). */
const REFILLED = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)) * $3::float8)`;

/**
 * One statement per take, atomic under concurrency (the row is locked by the upsert): a new
 * caller starts with a full bucket less one token; an existing one is refilled for the time
 * elapsed, then gives a token if it has one. `allowed` and what is left come back.
 */
const TAKE = `
  INSERT INTO rate_bucket AS b (key, tokens, allowed, updated_at) VALUES ($1, $2::float8 - 1, true, now())
  ON CONFLICT (key) DO UPDATE SET
    tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END,
    allowed = ${REFILLED} >= 1,
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

  async take(key: string, shape: BucketShape): Promise<Take> {
    const rows = await this.database.dataSource.query<{ allowed: boolean; tokens: number }[]>(TAKE, [key, shape.capacity, shape.perSecond]);
    const { allowed, tokens } = rows[0];
    return { allowed, retryAfterMs: allowed ? 0 : retryAfterMs(tokens, shape) };
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.database.dataSource.destroy();
  }
}
