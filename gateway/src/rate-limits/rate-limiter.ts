import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Credential } from "../auth/session";
import type { ProgrammeKey } from "../auth/api-keys";
import type { BucketShape, Buckets, Take } from "./buckets";

/** Requests per minute by kind of caller (RATE_LIMIT_* variables); null: rate limits off (RATE_LIMITS=off). */
export interface RateLimits {
  /** RATE_LIMIT_ANONYMOUS_PER_MINUTE (default 60): per remote address. */
  anonymousPerMinute: number;
  /** RATE_LIMIT_PERSON_PER_MINUTE (default 600): per person, whatever the session or socket. */
  personPerMinute: number;
  /** RATE_LIMIT_API_KEY_PER_MINUTE (default 600): per programme key, unless the key carries its own rate. */
  apiKeyPerMinute: number;
}

/** The kind of caller a bucket belongs to (the label of the refusals' metric). */
export type CallerKind = "key" | "person" | "ip";

/** How the refused request came: a POST/GET on /graphql, or a WebSocket (its connection_init or an operation). */
export type Transport = "http" | "ws";

/** Who a request counts for, and at what rate. */
export interface Caller {
  kind: CallerKind;
  /** `apikey:<id>`, `person:<id>` or `address:<ip>`. */
  key: string;
  perMinute: number;
}

/** The bucket a credential draws from: its API key, else its person, else the remote address. */
export function callerOf(credential: Credential, address: string, limits: RateLimits): Caller {
  if (credential.programme) return { kind: "key", key: `apikey:${credential.programme.apiKeyId}`, perMinute: credential.programme.requestsPerMinute ?? limits.apiKeyPerMinute };
  if (credential.viewer.personId) return { kind: "person", key: `person:${credential.viewer.personId}`, perMinute: limits.personPerMinute };
  return { kind: "ip", key: `address:${address}`, perMinute: limits.anonymousPerMinute };
}

/** A bucket holds a minute of requests (the burst) and refills continuously. */
function shapeOf(caller: Caller): BucketShape {
  return { capacity: caller.perMinute, perSecond: caller.perMinute / 60 };
}

/**
 * A key's operation refused by its cost budget per minute: HTTP 429 with Retry-After, when the
 * budget will have room for it by then; HTTP 400 (no retry helps) when its cost is over the whole budget.
 */
export function costBudgetExceeded(cost: number, perMinute: number, retryAfterSeconds: number | null): GraphQLError {
  if (retryAfterSeconds === null) {
    return new GraphQLError(`This operation costs ${cost}, more than the key's budget of ${perMinute} a minute`, {
      extensions: { code: "COST_BUDGET_EXCEEDED", cost, costPerMinute: perMinute, http: { status: 400 } },
    });
  }
  return new GraphQLError(`Cost budget of ${perMinute} a minute spent: retry in ${retryAfterSeconds} s`, {
    extensions: { code: "COST_BUDGET_EXCEEDED", cost, costPerMinute: perMinute, retryAfterSeconds, http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) } },
  });
}

/** The refusal: HTTP 429 with Retry-After (whole seconds), and the same in the error's extensions. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests: retry in ${retryAfterSeconds} s`, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds, http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) } },
  });
}

/**
 * Per-caller token buckets (a request takes one token), kept in the first store that answers
 * (FallbackBuckets: Redis when REDIS_URL is set, then the gateway's PostgreSQL database, then this
 * process's memory), so that every replica draws from the same bucket while a shared store
 * answers, and limits stay on when none does.
 */
export class RateLimiter {
  constructor(
    private readonly limits: RateLimits | null,
    private readonly buckets: Buckets,
    /** Told of every refusal (the metrics). */
    private readonly onRefused: (kind: CallerKind, transport: Transport, limit: "rate" | "cost") => void = () => undefined,
  ) {}

  /** Null when the caller may go on, else how long to wait (whole seconds, at least 1). */
  async retryAfter(credential: Credential, address: string, transport: Transport): Promise<number | null> {
    if (!this.limits) return null;
    const caller = callerOf(credential, address, this.limits);
    const shape = shapeOf(caller);
    const take = await this.take(caller.key, shape, 1);
    if (take.allowed) return null;
    this.onRefused(caller.kind, transport, "rate");
    return Math.ceil(take.retryAfterMs / 1000);
  }

  /**
   * Takes an operation's cost from its key's budget per minute (a bucket of `costPerMinute`
   * tokens refilled over a minute, shared like the rates): null when it fits or the key has no
   * budget, else the COST_BUDGET_EXCEEDED refusal. Applies even with RATE_LIMITS=off: the budget
   * is the key's own setting.
   */
  async spendCost(programme: ProgrammeKey, cost: number, transport: Transport): Promise<GraphQLError | null> {
    const perMinute = programme.costPerMinute;
    if (!perMinute || cost <= 0) return null;
    if (cost > perMinute) {
      this.onRefused("key", transport, "cost");
      return costBudgetExceeded(cost, perMinute, null);
    }
    const take = await this.take(`cost:apikey:${programme.apiKeyId}`, { capacity: perMinute, perSecond: perMinute / 60 }, cost);
    if (take.allowed) return null;
    this.onRefused("key", transport, "cost");
    return costBudgetExceeded(cost, perMinute, Math.ceil(take.retryAfterMs / 1000));
  }

  private take(key: string, shape: BucketShape, amount: number): Promise<Take> {
    return this.buckets.take(key, shape, amount);
  }

  /** Throws RATE_LIMITED (HTTP 429, Retry-After) when the caller has no token left. */
  async admit(credential: Credential, address: string): Promise<void> {
    const retryAfter = await this.retryAfter(credential, address, "http");
    if (retryAfter !== null) throw rateLimited(retryAfter);
  }

  close(): Promise<void> {
    return this.buckets.close();
  }
}
