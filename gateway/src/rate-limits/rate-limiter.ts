import type { Logger } from "@hub/kit";
import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Credential } from "../auth/session";
import { MemoryBuckets, type BucketShape, type Buckets } from "./buckets";

/** Requests per minute by kind of caller (RATE_LIMIT_* variables); null: rate limits off (RATE_LIMITS=off). */
export interface RateLimits {
  /** RATE_LIMIT_ANONYMOUS_PER_MINUTE (default 60): per remote address. */
  anonymousPerMinute: number;
  /** RATE_LIMIT_PERSON_PER_MINUTE (default 600): per person, whatever the session or socket. */
  personPerMinute: number;
  /** RATE_LIMIT_API_KEY_PER_MINUTE (default 600): per programme key, unless the key carries its own rate. */
  apiKeyPerMinute: number;
}

/** Who a request counts for, and at what rate. */
export interface Caller {
  /** `apikey:<id>`, `person:<id>` or `address:<ip>`. */
  key: string;
  perMinute: number;
}

/** The bucket a credential draws from: its API key, else its person, else the remote address. */
export function callerOf(credential: Credential, address: string, limits: RateLimits): Caller {
  if (credential.programme) return { key: `apikey:${credential.programme.apiKeyId}`, perMinute: credential.programme.requestsPerMinute ?? limits.apiKeyPerMinute };
  if (credential.viewer.personId) return { key: `person:${credential.viewer.personId}`, perMinute: limits.personPerMinute };
  return { key: `address:${address}`, perMinute: limits.anonymousPerMinute };
}

/** A bucket holds a minute of requests (the burst) and refills continuously. */
function shapeOf(caller: Caller): BucketShape {
  return { capacity: caller.perMinute, perSecond: caller.perMinute / 60 };
}

/** The refusal: HTTP 429 with Retry-After (whole seconds), and the same in the error's extensions. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests: retry in ${retryAfterSeconds} s`, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds, http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) } },
  });
}

/**
 * Per-caller token buckets (a request takes one token): in PostgreSQL when the gateway has a
 * database, so that every replica draws from the same bucket, else in this process. When
 * PostgreSQL fails, this replica's own buckets take over (limits stay on) until it answers again.
 */
export class RateLimiter {
  private readonly local = new MemoryBuckets();
  private warned = false;

  constructor(
    private readonly limits: RateLimits | null,
    private readonly shared: Buckets | null,
    private readonly logger: Logger,
  ) {}

  /** Null when the caller may go on, else how long to wait (whole seconds, at least 1). */
  async retryAfter(credential: Credential, address: string): Promise<number | null> {
    if (!this.limits) return null;
    const caller = callerOf(credential, address, this.limits);
    const shape = shapeOf(caller);
    let take;
    try {
      take = this.shared ? await this.shared.take(caller.key, shape) : await this.local.take(caller.key, shape);
      this.warned = false;
    } catch (error) {
      if (!this.warned) this.logger.warn(`rate limits: the gateway database failed (${(error as Error).message}); this replica counts alone until it answers`);
      this.warned = true;
      take = await this.local.take(caller.key, shape);
    }
    return take.allowed ? null : Math.ceil(take.retryAfterMs / 1000);
  }

  /** Throws RATE_LIMITED (HTTP 429, Retry-After) when the caller has no token left. */
  async admit(credential: Credential, address: string): Promise<void> {
    const retryAfter = await this.retryAfter(credential, address);
    if (retryAfter !== null) throw rateLimited(retryAfter);
  }

  close(): Promise<void> {
    return this.shared?.close() ?? Promise.resolve();
  }
}
