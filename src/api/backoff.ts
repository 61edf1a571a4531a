/**
 * The one backoff schedule of the console, for every read that failed for want of an answer
 * (network, 5xx): 1, 2, 5, 10, 30 s, then 30 s for ever, with full jitter and a 250 ms floor so
 * many tabs do not come back in lock-step and no bad input makes a tight loop (the API docs'
 * retry recipe; decision 0008). Pure: the jitter source is a parameter.
 */

/** Upper bounds of the waits after the n-th failure in a row (n = 1, 2, …); the last repeats. */
export const BACKOFF_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** No wait is shorter than this. */
export const MIN_BACKOFF_MS = 250;
/** No wait is longer than this. */
export const MAX_BACKOFF_MS = 30_000;

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
