/**
 * The two facts about a failed run that the form needs at once — whether its answer was lost
 * (so the next attempt must look for the task it may have created) and how long a rate limit
 * asks us to wait. Kept apart from `run-advice.ts`, whose texts load only when an error shows.
 */
import { ApiError } from '@/api/http';

/** The request may have reached the API although no answer came back (no answer at all, or the
 *  proxy's 502/504): the next attempt must first look for a task this one created. */
export function isLostAnswer(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.kind === 'network' || error.status === 502 || error.status === 504)
  );
}

/** Seconds before another run makes sense after a 429 (Retry-After, else a few), or null. */
export function rateLimitWait(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  return Math.max(1, Math.ceil(error.retryAfter ?? 5));
}
