/**
 * When and how long React Query retries a failed read (`retry` / `retryDelay`): 4xx means the
 * request itself is wrong, except 429, which waits what `Retry-After` asks; 5xx and network
 * failures follow the backoff schedule (`backoff.ts`) four times, as the API docs' sample helper
 * does (5 requests in all). A response with an unexpected shape is not retried either.
 */
import { backoffDelay, MAX_BACKOFF_MS } from './backoff';
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

/** A 429 (or 503) with `Retry-After` waits what the server asked, capped; anything else draws
 *  from the backoff schedule. */
export function retryDelay(
  failureCount: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  if (error instanceof ApiError && error.retryAfter !== undefined) {
    return Math.min(Math.max(0, error.retryAfter * 1000), MAX_BACKOFF_MS);
  }
  return backoffDelay(Math.max(0, failureCount) + 1, random);
}
