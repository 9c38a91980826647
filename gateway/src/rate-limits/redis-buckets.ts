import { Redis } from "ioredis";
import { retryAfterMs, type BucketShape, type Buckets, type Take } from "./buckets";

/**
 * One take, atomic in Redis (a script runs alone): the bucket (a hash of `tokens` and `at`,
 * Redis's clock in seconds, the same for all replicas) is refilled for the time elapsed, capped at
 * its capacity, then gives ARGV[3] tokens if it has them. The key expires when the bucket would
 * be full again (a missing key is a full bucket), so idle callers cost nothing.
 * Returns { allowed (1 or 0), tokens left (a string: Redis truncates Lua numbers to integers) }.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_second = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if bucket[1] and bucket[2] then
  tokens = math.min(capacity, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * per_second)
end
local allowed = 0
if tokens >= amount then
  tokens = tokens - amount
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) / per_second * 1000)) + 1000)
return { allowed, tostring(tokens) }
`;

/** The connection's command with the script (EVALSHA, loaded once per connection by ioredis). */
type WithTake = Redis & { takeTokens(key: string, capacity: number, perSecond: number, amount: number): Promise<[number, string]> };

export interface RedisBucketsOptions {
  /** REDIS_KEY_PREFIX: before every key (default "hub:"), so that several hubs may share one Redis. */
  keyPrefix: string;
  /** How long one command may take before the take fails over to the next store (default 1000 ms). */
  commandTimeoutMs?: number;
}

/**
 * Token buckets in Redis (REDIS_URL), shared by every replica: one script call per take. A
 * command that cannot be sent at once (Redis unreachable: no offline queue) or takes longer than
 * the timeout fails, and the caller's next store answers (FallbackBuckets); ioredis reconnects in
 * the background, so the buckets come back to Redis when it does.
 */
export class RedisBuckets implements Buckets {
  private constructor(private readonly redis: WithTake) {}

  /** Connects; a Redis that does not answer within the timeout is not waited for (the takes fail over until it does). */
  static async open(url: string, options: RedisBucketsOptions): Promise<RedisBuckets> {
    const timeout = options.commandTimeoutMs ?? 1000;
    const redis = new Redis(url, {
      keyPrefix: options.keyPrefix,
      commandTimeout: timeout,
      connectTimeout: timeout,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnects forever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: true,
    });
    // Connection errors are the fallback's business (it logs them once); without a listener ioredis prints each.
    redis.on("error", () => undefined);
    redis.defineCommand("takeTokens", { numberOfKeys: 1, lua: TAKE_SCRIPT });
    await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeout).unref())]);
    return new RedisBuckets(redis as WithTake);
  }

  async take(key: string, shape: BucketShape, amount = 1): Promise<Take> {
    // ioredis would refuse the command anyway (no offline queue), with a less telling message.
    if (this.redis.status !== "ready") throw new Error(`not connected (${this.redis.status})`);
    const [allowed, tokens] = await this.redis.takeTokens(key, shape.capacity, shape.perSecond, amount);
    return { allowed: allowed === 1, retryAfterMs: allowed === 1 ? 0 : retryAfterMs(Number(tokens), shape, amount) };
  }

  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
