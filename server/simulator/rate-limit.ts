/** At most `limit` requests in any rolling real-time minute (one key is valid, so per key); a
 *  refused request (not counted) learns in `Retry-After` whole seconds when the oldest expires. */
const WINDOW_MS = 60_000;

export class RateLimiter {
  #hits: number[] = [];

  /** Requests per rolling minute; 0 disables limiting. `POST /__sim/config` changes it at run
   *  time, and the window so far still counts. */
  constructor(public limit: number) {}

  /** Counts a request; the whole seconds to wait when it is over the limit, else null. */
  hit(): number | null {
    if (this.limit <= 0) return null;
    const now = Date.now();
    this.#hits = this.#hits.filter((at) => at > now - WINDOW_MS);
    const oldest = this.#hits[0];
    if (oldest !== undefined && this.#hits.length >= this.limit) {
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    this.#hits.push(now);
    return null;
  }
}
