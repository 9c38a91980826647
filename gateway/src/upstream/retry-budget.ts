/**
 * How many retries a subgraph may get: each call earns `ratio` of a retry, up to `max` saved,
 * and a retry spends one. A subgraph that fails everything gets about `ratio` more calls, never
 * a multiple of its load; a subgraph that drops a connection now and then gets every retry.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    private readonly ratio = 0.1,
    private readonly max = 10,
  ) {
    this.tokens = max;
  }

  /** A call goes out (first attempts only). */
  earn(): void {
    this.tokens = Math.min(this.max, this.tokens + this.ratio);
  }

  /** Whether a retry may go out now (it spends one token). */
  spend(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
