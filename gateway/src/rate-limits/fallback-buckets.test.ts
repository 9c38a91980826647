import type { BucketShape, Buckets, Take } from "./buckets";
import { FallbackBuckets } from "./fallback-buckets";

/** A store that answers `allowed` or fails, as the test sets it, counting its calls. */
class FakeStore implements Buckets {
  calls = 0;
  failing = false;
  constructor(private readonly allowed: boolean) {}
  take(): Promise<Take> {
    this.calls += 1;
    if (this.failing) return Promise.reject(new Error("connection refused"));
    return Promise.resolve({ allowed: this.allowed, retryAfterMs: this.allowed ? 0 : 1000 });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const SHAPE: BucketShape = { capacity: 1, perSecond: 1 };

describe("FallbackBuckets: Redis → PostgreSQL → memory", () => {
  let clock: number;
  let warnings: string[];
  let fallbacks: string[];
  let redis: FakeStore;
  let postgres: FakeStore;
  let memory: FakeStore;
  let buckets: FallbackBuckets;

  beforeEach(() => {
    clock = 0;
    warnings = [];
    fallbacks = [];
    // Each store answers differently, so that the answer says which one gave it.
    [redis, postgres, memory] = [new FakeStore(true), new FakeStore(false), new FakeStore(true)];
    const logger = { info: () => undefined, warn: (message: string) => warnings.push(message), error: () => undefined };
    const stores = [
      { name: "redis" as const, buckets: redis },
      { name: "postgres" as const, buckets: postgres },
      { name: "memory" as const, buckets: memory },
    ];
    buckets = new FallbackBuckets(
      stores,
      logger,
      (from) => fallbacks.push(from),
      1000,
      () => clock,
    );
  });

  it("takes from the first store while it answers", async () => {
    expect(await buckets.take("k", SHAPE)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect([buckets.current, buckets.configured, postgres.calls, warnings]).toEqual(["redis", ["redis", "postgres", "memory"], 0, []]);
  });

  it("falls to the next store that answers, logs each failure once, and tries a failing store again at most once a second", async () => {
    redis.failing = true;
    expect(await buckets.take("k", SHAPE)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(buckets.current).toBe("postgres");
    postgres.failing = true;
    expect(await buckets.take("k", SHAPE)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(buckets.current).toBe("memory");
    // Within the second: neither failing store is asked.
    clock = 500;
    await buckets.take("k", SHAPE);
    expect([redis.calls, postgres.calls, memory.calls]).toEqual([1, 2, 2]);
    // A second later both are tried again, still failing: no new warning.
    clock = 1600;
    await buckets.take("k", SHAPE);
    expect([redis.calls, postgres.calls]).toEqual([2, 3]);
    expect(warnings).toEqual([
      "rate limits: redis failed (connection refused); buckets are kept in postgres until it answers",
      "rate limits: postgres failed (connection refused); buckets are kept in memory until it answers",
    ]);
    expect(fallbacks).toEqual(["redis", "redis", "postgres", "redis", "postgres", "redis", "postgres"]);
  });

  it("goes back to a store once it answers again, and says so once", async () => {
    redis.failing = true;
    await buckets.take("k", SHAPE);
    redis.failing = false;
    clock = 1000;
    expect(await buckets.take("k", SHAPE)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(buckets.current).toBe("redis");
    await buckets.take("k", SHAPE);
    expect(warnings).toEqual(["rate limits: redis failed (connection refused); buckets are kept in postgres until it answers", "rate limits: redis answers again; buckets are kept there"]);
  });

  it("lets the last store's failure through (memory does not fail)", async () => {
    redis.failing = postgres.failing = memory.failing = true;
    await expect(buckets.take("k", SHAPE)).rejects.toThrow("connection refused");
  });
});
