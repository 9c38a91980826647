import type { Logger } from "@hub/kit";
import type { BucketShape, Buckets, Take } from "./buckets";

/** Where buckets are kept: Redis (REDIS_URL), PostgreSQL (GATEWAY_DATABASE_URL), this process's memory. */
export type StoreName = "redis" | "postgres" | "memory";

export interface Store {
  name: StoreName;
  buckets: Buckets;
}

/**
 * Stores tried in order (Redis → PostgreSQL → memory, those configured): a take goes to the first
 * that answers, so limits stay on while a shared store is down (a replica counting alone only at
 * the end of the chain). Each store's failure is logged once, and its recovery once; the store in
 * use is `current` (/health, /metrics). The last store (memory) never fails.
 */
export class FallbackBuckets implements Buckets {
  /** The stores that failed, and when they were last tried. */
  private readonly failing = new Map<StoreName, number>();
  private last: StoreName;

  constructor(
    private readonly stores: Store[],
    private readonly logger: Logger,
    /** Told when a take falls from a store to the next one (the metrics). */
    private readonly onFallback: (from: StoreName) => void = () => undefined,
    /**
     * A store that failed is tried again at most this often (a Redis that hangs would otherwise
     * cost every request its command timeout); the takes in between go to the next store.
     */
    private readonly retryEveryMs = 1000,
    private readonly now: () => number = Date.now,
  ) {
    if (stores.length === 0) throw new Error("FallbackBuckets needs at least one store");
    this.last = stores[0].name;
  }

  /** The store that answered the last take. */
  get current(): StoreName {
    return this.last;
  }

  /** The stores configured, first to last. */
  get configured(): StoreName[] {
    return this.stores.map((store) => store.name);
  }

  async take(key: string, shape: BucketShape, amount = 1): Promise<Take> {
    for (const [i, store] of this.stores.entries()) {
      const next = this.stores.at(i + 1);
      const failedAt = this.failing.get(store.name);
      if (next && failedAt !== undefined && this.now() - failedAt < this.retryEveryMs) {
        this.onFallback(store.name);
        continue;
      }
      try {
        const take = await store.buckets.take(key, shape, amount);
        if (this.failing.delete(store.name)) this.logger.warn(`rate limits: ${store.name} answers again; buckets are kept there`);
        this.last = store.name;
        return take;
      } catch (error) {
        if (!next) throw error;
        if (failedAt === undefined) this.logger.warn(`rate limits: ${store.name} failed (${(error as Error).message}); buckets are kept in ${next.name} until it answers`);
        this.failing.set(store.name, this.now());
        this.onFallback(store.name);
      }
    }
    throw new Error("unreachable: no store");
  }

  async close(): Promise<void> {
    await Promise.all(this.stores.map((store) => store.buckets.close()));
  }
}
