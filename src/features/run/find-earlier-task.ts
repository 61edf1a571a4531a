/**
 * Asks the API for the task an earlier attempt of this run may have created (see
 * `run-intent.ts`). Loaded on demand: only a run whose answer was lost needs it.
 */
import type { RunResponse } from '@/api/schemas';
import { listTasks } from '@/api/tasks';
import { CLOCK_SKEW_MS, findTaskFromIntent, type RunIntent } from './run-intent';

export async function findEarlierTask(intent: RunIntent): Promise<RunResponse | null> {
  const page = await listTasks({
    agent_id: intent.agentId,
    created_after: new Date(intent.since - CLOCK_SKEW_MS).toISOString(),
    limit: 50,
  });
  return findTaskFromIntent(page.data, intent);
}
