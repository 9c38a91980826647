export { MemoryBuckets, type Buckets } from "./buckets";
export { clientAddress } from "./client-address";
export { FallbackBuckets, type StoreName } from "./fallback-buckets";
export { openBuckets, type BucketStores } from "./open-buckets";
export { GATEWAY_MIGRATIONS, PostgresBuckets } from "./postgres-buckets";
export { callerOf, costBudgetExceeded, rateLimited, RateLimiter, type RateLimits } from "./rate-limiter";
export { RedisBuckets } from "./redis-buckets";
