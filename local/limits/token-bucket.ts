/**
 * API Gateway's stage throttling: a token bucket holding up to `burstLimit` tokens, refilled at
 * `rateLimit` tokens per second, one token per request; a request that finds the bucket empty
 * is refused with 429 (API Gateway Developer Guide, "Throttle requests to your REST APIs for
 * better throughput").
 */
export interface TokenBucketLimits {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Most requests accepted at once (the bucket's capacity). */
  burstLimit: number;
}

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limits: TokenBucketLimits,
    private readonly now: () => number = Date.now,
  ) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`TokenBucket: ${name} must be a positive number; got ${value}.`);
    }
    this.tokens = limits.burstLimit;
    this.refilledAt = now();
  }

  /** Takes a token if one is left; false means "throttle this request". */
  tryTake(): boolean {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + elapsedSeconds * this.limits.rateLimit);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
