/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): delay = random(0, min(cap, base · 2^attempt)). The server's `retry:` field and a
 * `Retry-After` header are floors; the attempt count resets after a healthy period.
 */
export interface BackoffOptions {
  /** Default 500 ms. */
  baseMs?: number;
  /** Default 30 000 ms. */
  capMs?: number;
  /** A connection healthy this long resets the attempt count. Default 60 000 ms. */
  resetAfterMs?: number;
  /** Honour the server's `retry:` field as a floor (default true). */
  honourServerRetry?: boolean;
  /** Random source in [0, 1) (tests seed it). */
  random?: () => number;
}

export class Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  readonly resetAfterMs: number;
  readonly honourServerRetry: boolean;
  private readonly random: () => number;
  /** Failures since the last healthy period. */
  attempt = 0;
  /** From the server's `retry:` field. */
  serverRetryMs: number | null = null;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 30_000;
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
    this.honourServerRetry = options.honourServerRetry ?? true;
    this.random = options.random ?? Math.random;
  }

  /** The upper bound of the jitter window for a given attempt. */
  ceiling(attempt = this.attempt): number {
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(attempt, 30));
  }

  /**
   * The delay before the next attempt, and count the failure.
   * `healthyForMs`: how long the failed connection had been up (resets the count when long).
   * `retryAfterMs`: the server's Retry-After for this failure, if any (a floor, capped at 5 min).
   */
  next(healthyForMs = 0, retryAfterMs: number | null = null): number {
    if (healthyForMs >= this.resetAfterMs) this.attempt = 0;
    let delay = Math.floor(this.random() * this.ceiling());
    this.attempt++;
    if (this.honourServerRetry && this.serverRetryMs !== null) delay = Math.max(delay, Math.min(this.serverRetryMs, this.capMs));
    if (retryAfterMs !== null) delay = Math.max(delay, Math.min(retryAfterMs, 300_000));
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
