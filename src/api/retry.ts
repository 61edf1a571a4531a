/**
 * When and how long to retry a failed read, as React Query's `retry` / `retryDelay` callbacks.
 *
 * Follows the API docs' errors-and-pagination recipe: 4xx means the request itself is wrong and
 * retrying cannot help — except 429, which is the server asking us to come back later, honouring
 * `Retry-After`. 5xx and network failures back off exponentially (1 → 2 → 5 → 10 s, capped at
 * 30 s) with full jitter, so a fleet of tabs does not retry in lock-step against a recovering
 * server. A response with an unexpected shape is deterministic, so it is not retried either.
 *
 * "Max 4 attempts" is read as four retries after the first failure: the schedule has four
 * delays and each is used once, which also matches the docs' sample helper (5 requests in all).
 *
 * Pure functions of their inputs (the jitter source is injectable) so they are unit-tested
 * directly, without timers.
 */
import { ApiError } from './http';

/** Retries after the first failure; the request is sent at most `MAX_RETRIES + 1` times. */
export const MAX_RETRIES = 4;
/** Upper bounds of the backoff steps, in milliseconds, before jitter. */
export const BACKOFF_STEPS_MS = [1_000, 2_000, 5_000, 10_000] as const;
/** No wait, whatever the reason, exceeds this. */
export const MAX_DELAY_MS = 30_000;

/** Whether a failure of this kind is worth retrying at all (ignoring the attempt count). */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false; // a bug in our code: retrying would hide it
  if (error.kind === 'network') return true;
  if (error.kind === 'invalid-response') return false;
  return error.status === 429 || error.status >= 500;
}

/**
 * React Query `retry`: `failureCount` is the number of failures before this one (0 on the first
 * failure), as React Query passes it.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryableError(error);
}

/**
 * React Query `retryDelay`. A 429 (or 503) with `Retry-After` waits what the server asked,
 * capped; everything else draws uniformly from [0, step] ("full jitter").
 */
export function retryDelay(
  failureCount: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  if (error instanceof ApiError && error.retryAfter !== undefined) {
    return Math.min(Math.max(0, error.retryAfter * 1000), MAX_DELAY_MS);
  }
  const step =
    BACKOFF_STEPS_MS[Math.min(Math.max(0, failureCount), BACKOFF_STEPS_MS.length - 1)] ??
    MAX_DELAY_MS;
  return Math.floor(random() * Math.min(step, MAX_DELAY_MS));
}
