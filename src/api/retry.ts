/** When and how long React Query retries a failed read (`retry` / `retryDelay`), by the one
 *  schedule of `backoff.ts`: network failures and 5xx four times (5 requests in all, as the API
 *  docs' helper does), a 429 after its `Retry-After`; other 4xx and unreadable answers never. */
import { backoffDelay, retryAfterMs } from './backoff';
import { ApiError } from './http';

/** Retries after the first failure; the request is sent at most `MAX_RETRIES + 1` times. */
export const MAX_RETRIES = 4;

/** Whether a failure of this kind is worth retrying at all (ignoring the attempt count). */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false; // a bug in our code: retrying would hide it
  if (error.kind === 'network') return true;
  if (error.kind === 'invalid-response') return false;
  return error.status === 429 || error.status >= 500;
}

/** `failureCount` is the number of failures before this one (0 on the first), as React Query
 *  passes it. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryableError(error);
}

/** A 429 waits what the fetch layer holds its resource for; anything else draws from the
 *  backoff. */
export function retryDelay(
  failureCount: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  if (error instanceof ApiError && error.status === 429) return retryAfterMs(error.retryAfter);
  return backoffDelay(Math.max(0, failureCount) + 1, random);
}
