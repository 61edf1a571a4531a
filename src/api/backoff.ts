/** The one schedule of waits before asking again (decision 0008): after failures in a row, 1, 2,
 *  5, 10, 30 s with full jitter and a 250 ms floor, then 30 s; after a 429, what `Retry-After`
 *  asks (5 s when it does not say, at most 5 minutes). Pure: the jitter source is a parameter. */

/** Upper bounds of the waits after the n-th failure in a row (n = 1, 2, …); the last repeats. */
export const BACKOFF_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** No wait is shorter than this. */
export const MIN_BACKOFF_MS = 250;
/** No wait is longer than this. */
export const MAX_BACKOFF_MS = 30_000;

/** Used when a 429 carries no (or an unreadable) `Retry-After`. */
export const DEFAULT_RETRY_AFTER_S = 5;
/** A `Retry-After` longer than this is taken as this: the person can still press Retry. */
export const MAX_RETRY_AFTER_S = 300;

/** The wait after `failures` failures in a row; 0 for none (also for NaN). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  if (!(failures >= 1)) return 0;
  const index = Math.min(Math.floor(failures), BACKOFF_STEPS_MS.length) - 1;
  const step = BACKOFF_STEPS_MS[index] ?? MAX_BACKOFF_MS;
  // A jitter source outside [0, 1) must not stretch the wait past its step or below the floor.
  const fraction = Math.min(Math.max(random(), 0), 1);
  const jittered = Number.isFinite(fraction) ? Math.floor(fraction * step) : step;
  return Math.min(Math.max(jittered, MIN_BACKOFF_MS), step);
}

/** The wait a 429 imposes, in ms, from its `Retry-After` in seconds (if it had one). */
export function retryAfterMs(seconds: number | undefined): number {
  const asked = seconds === undefined || Number.isNaN(seconds) ? DEFAULT_RETRY_AFTER_S : seconds;
  return Math.min(Math.max(0, asked), MAX_RETRY_AFTER_S) * 1000;
}
