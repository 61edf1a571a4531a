/** Asks the API for the task an earlier attempt of this run may have made (`run-intent.ts`),
 *  cancelled with the run and never longer than `LOOKUP_TIMEOUT_MS`; any failure becomes a
 *  `RunLookupError` the form turns into a choice. */
import type { RunResponse } from '@/api/schemas';
import { listTasks } from '@/api/tasks';
import { CLOCK_SKEW_MS, findTaskFromIntent, type RunIntent } from '@/entities/task/run-intent';

export const LOOKUP_TIMEOUT_MS = 15_000;

/** The lookup for an earlier attempt's task failed; `cause` says why (often an `ApiError`). */
export class RunLookupError extends Error {
  override readonly name = 'RunLookupError';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'The task list could not be read.', { cause });
  }
}

export function isRunLookupError(error: unknown): error is RunLookupError {
  return error instanceof RunLookupError;
}

export async function findEarlierTask(
  intent: RunIntent,
  signal: AbortSignal,
): Promise<RunResponse | null> {
  const lookup = new AbortController();
  const stop = () => lookup.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(() => lookup.abort(new Error('timeout')), LOOKUP_TIMEOUT_MS);
  try {
    const page = await listTasks(
      {
        agent_id: intent.agentId,
        created_after: new Date(intent.since - CLOCK_SKEW_MS).toISOString(),
        limit: 50,
      },
      lookup.signal,
    );
    return findTaskFromIntent(page.data, intent);
  } catch (error) {
    // The person cancelled: not a lookup failure, the run simply stops.
    if (signal.aborted) throw error;
    throw new RunLookupError(
      lookup.signal.aborted
        ? new Error(`The task list did not answer within ${LOOKUP_TIMEOUT_MS / 1000} s.`)
        : error,
    );
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
