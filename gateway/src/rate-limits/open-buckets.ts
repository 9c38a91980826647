import type { Logger } from "@hub/kit";
import { MemoryBuckets } from "./buckets";
import { FallbackBuckets, type Store, type StoreName } from "./fallback-buckets";
import { PostgresBuckets } from "./postgres-buckets";
import { RedisBuckets } from "./redis-buckets";

export interface BucketStores {
  /** REDIS_URL, or null. */
  redisUrl: string | null;
  /** REDIS_KEY_PREFIX (default "hub:"). */
  redisKeyPrefix: string;
  /** GATEWAY_DATABASE_URL, or null. */
  databaseUrl: string | null;
}

/**
 * The chain of stores the rate limits use: Redis when configured, then PostgreSQL when
 * configured, then always this process's memory. PostgreSQL stays the fallback of Redis: both
 * are shared by the replicas, so a Redis outage keeps the limits shared when the gateway has a database.
 */
export async function openBuckets(stores: BucketStores, logger: Logger, onFallback?: (from: StoreName) => void): Promise<FallbackBuckets> {
  const chain: Store[] = [];
  if (stores.redisUrl) chain.push({ name: "redis", buckets: await RedisBuckets.open(stores.redisUrl, { keyPrefix: stores.redisKeyPrefix }) });
  if (stores.databaseUrl) chain.push({ name: "postgres", buckets: await PostgresBuckets.open(stores.databaseUrl) });
  chain.push({ name: "memory", buckets: new MemoryBuckets() });
  return new FallbackBuckets(chain, logger, onFallback);
}
