/** At most `limit` requests per key in any rolling real-time minute; a refused request (not
 *  counted) learns in `Retry-After` whole seconds when the oldest in its window expires. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  #limit: number;
  readonly #hits = new Map<string, number[]>();

  /** `limit` 0 disables limiting. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Requests per rolling minute per key; 0 means no limit. */
  get limit(): number {
    return this.#limit;
  }

  /** Changes the limit at run time (`POST /__sim/config`); the windows so far still count. */
  setLimit(limit: number): void {
    this.#limit = limit;
  }

  hit(key: string): RateDecision {
    if (this.limit <= 0) return { allowed: true };
    const now = Date.now();
    const windowStart = now - RATE_LIMIT_WINDOW_MS;
    const hits = (this.#hits.get(key) ?? []).filter((at) => at > windowStart);
    if (hits.length >= this.limit) {
      this.#hits.set(key, hits);
      const oldest = hits[0] ?? now;
      const waitMs = oldest + RATE_LIMIT_WINDOW_MS - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    hits.push(now);
    this.#hits.set(key, hits);
    return { allowed: true };
  }
}
