import type express from "express";

/**
 * Faults the stand-in can serve instead of an answer, for tests and the bench: what the real
 * API (or the network in front of it) does on a bad day.
 */
export type Fault =
  { kind: "error"; status: number } | { kind: "rate-limit"; retryAfterSeconds: number } | { kind: "slow"; delayMs: number } | { kind: "malformed" } | { kind: "unauthorized" } | { kind: "reset" };

export interface FaultPlan {
  fault: Fault;
  /** How many requests get it (default: every one until cleared). */
  times?: number;
  /** Which requests: data routes only (default) or the login too. */
  includeLogin?: boolean;
}

export interface StandInStats {
  logins: number;
  /** Requests to data routes (everything under /api but the login), faults included. */
  dataRequests: number;
  aidSearches: number;
  aidLookups: number;
  perimeterLookups: number;
  /** 304 answers to If-None-Match. */
  notModified: number;
  faultsServed: number;
}

export const emptyStats = (): StandInStats => ({ logins: 0, dataRequests: 0, aidSearches: 0, aidLookups: 0, perimeterLookups: 0, notModified: 0, faultsServed: 0 });

/** An integer within [min, max]. */
const integerIn = (value: unknown, min: number, max = Infinity) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

export function isFaultPlan(value: unknown): value is FaultPlan {
  if (typeof value !== "object" || value === null) return false;
  const { fault, times } = value as { fault?: unknown; times?: unknown };
  if (typeof fault !== "object" || fault === null) return false;
  if (times !== undefined && !integerIn(times, 1)) return false;
  const fields = fault as Record<string, unknown>;
  switch (fields.kind) {
    case "error":
      return integerIn(fields.status, 400, 599);
    case "rate-limit":
      return integerIn(fields.retryAfterSeconds, 0);
    case "slow":
      return integerIn(fields.delayMs, 0, 60_000);
    case "malformed":
    case "unauthorized":
    case "reset":
      return true;
    default:
      return false;
  }
}

/** The faults in force; `serve` answers a request with the next one, if any applies. */
export class FaultInjector {
  private plans: FaultPlan[] = [];

  constructor(private readonly stats: StandInStats) {}

  inject(plan: FaultPlan): void {
    this.plans.push({ ...plan });
  }

  clear(): void {
    this.plans = [];
  }

  /** Serves a fault and returns true, or returns false (a `slow` fault waits, then lets the request through). */
  async serve(request: express.Request, response: express.Response, login: boolean): Promise<boolean> {
    const index = this.plans.findIndex((p) => !login || p.includeLogin);
    if (index < 0) return false;
    const plan = this.plans[index];
    if (plan.times !== undefined && --plan.times <= 0) this.plans.splice(index, 1);
    this.stats.faultsServed += 1;
    const fault = plan.fault;
    switch (fault.kind) {
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        return response.destroyed;
      case "error":
        response.status(fault.status).type("text/html").send(`<html><body><h1>${fault.status}</h1></body></html>`);
        return true;
      case "rate-limit":
        response.status(429).set("retry-after", String(fault.retryAfterSeconds)).type("text/plain").send("Too Many Requests");
        return true;
      case "malformed":
        response.status(200).type("application/json").send('{"count": 3, "results": [');
        return true;
      case "unauthorized":
        response.status(401).json({ code: 401, message: "Expired JWT Token" });
        return true;
      case "reset":
        request.socket.destroy();
        return true;
    }
  }
}
