export { MemoryBuckets, type Buckets } from "./buckets";
export { clientAddress } from "./client-address";
export { GATEWAY_MIGRATIONS, PostgresBuckets } from "./postgres-buckets";
export { callerOf, costBudgetExceeded, rateLimited, RateLimiter, type RateLimits } from "./rate-limiter";
