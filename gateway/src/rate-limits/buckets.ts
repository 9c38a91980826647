import { LRUCache } from "lru-cache";

/** What taking one token from a caller's bucket gave. */
export interface Take {
  allowed: boolean;
  /** When refused: how long until a token is back (milliseconds). */
  retryAfterMs: number;
}

/** A bucket's shape: it holds up to `capacity` tokens and gets `perSecond` back each second. */
export interface BucketShape {
  capacity: number;
  perSecond: number;
}

/** Token buckets by caller key: in this process, or shared through PostgreSQL. */
export interface Buckets {
  /** Takes `amount` tokens (1: a request; an operation's cost for a cost budget), or none when fewer are left. */
  take(key: string, shape: BucketShape, amount?: number): Promise<Take>;
  close(): Promise<void>;
}

/** When a refused caller may try again: the time for the missing part of a token to come back. */
export function retryAfterMs(tokens: number, shape: BucketShape, amount = 1): number {
  return Math.max(1, Math.ceil(((amount - tokens) / shape.perSecond) * 1000));
}

/**
 * Buckets in this process only (each replica its own): used without GATEWAY_DATABASE_URL, and
 * while PostgreSQL cannot be reached. Bounded: the least recently seen callers are forgotten
 * first (their next request finds a full bucket).
 */
export class MemoryBuckets implements Buckets {
  private readonly buckets: LRUCache<string, { tokens: number; at: number }>;

  constructor(
    max = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new LRUCache({ max });
  }

  take(key: string, shape: BucketShape, amount = 1): Promise<Take> {
    const at = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(shape.capacity, bucket.tokens + (Math.max(0, at - bucket.at) / 1000) * shape.perSecond) : shape.capacity;
    const allowed = tokens >= amount;
    this.buckets.set(key, { tokens: allowed ? tokens - amount : tokens, at });
    return Promise.resolve({ allowed, retryAfterMs: allowed ? 0 : retryAfterMs(tokens, shape, amount) });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
