/** A request rate: `perSecond` tokens refill continuously up to `burst`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Classic token bucket over an injected clock (milliseconds), so it is testable without waiting. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
    private readonly nowMs: () => number,
  ) {
    this.tokens = limit.burst;
    this.last = nowMs();
  }

  /** Takes one token; false when the bucket is empty (the caller answers TooManyRequests). */
  take(): boolean {
    const now = this.nowMs();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
