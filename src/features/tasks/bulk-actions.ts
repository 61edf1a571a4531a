/** The list's bulk actions: which selected tasks each can act on (and why not the others), then
 *  `Cancel` (`entities/task/cancel.ts`) or `Run again` each, reporting every outcome. */
import type { QueryClient } from '@tanstack/react-query';
import { postRunJson, runJsonBody, type RunJsonBody } from '@/api/runs';
import { seedStartedTask } from '@/entities/task/cache';
import { isTerminal } from '@/entities/task/status';
import { rememberTaskInputs, type TaskInputs } from '@/lib/task-inputs';

export interface BulkOutcome {
  taskId: string;
  ok: boolean;
  /** The server's message when it failed. */
  message?: string | undefined;
  /** `Run again`: the task it started. */
  newTaskId?: string | undefined;
}

/** The selected tasks split into those still live (cancellable) and those already ended. */
export function planCancel(
  taskIds: readonly string[],
  statusOf: (taskId: string) => string | undefined,
): { live: string[]; ended: string[] } {
  const live = taskIds.filter((taskId) => !isTerminal(statusOf(taskId)));
  return { live, ended: taskIds.filter((taskId) => !live.includes(taskId)) };
}

/** Why a task cannot be run again from the list: its files are not kept, or nothing is known. */
export type RerunRefusal = 'files' | 'unknown';

export function planRunAgain(
  taskIds: readonly string[],
  inputsOf: (taskId: string) => TaskInputs | undefined,
): {
  ready: { taskId: string; inputs: TaskInputs }[];
  refused: { taskId: string; reason: RerunRefusal }[];
} {
  const ready: { taskId: string; inputs: TaskInputs }[] = [];
  const refused: { taskId: string; reason: RerunRefusal }[] = [];
  for (const taskId of taskIds) {
    const inputs = inputsOf(taskId);
    if (!inputs || !inputs.agentId) refused.push({ taskId, reason: 'unknown' });
    else if (inputs.fileNames.length > 0) refused.push({ taskId, reason: 'files' });
    else ready.push({ taskId, inputs });
  }
  return { ready, refused };
}

export const REFUSAL_TEXT: Readonly<Record<RerunRefusal, string>> = {
  files: 'it was given files, which only its own Run again can attach',
  unknown: 'this browser has no record of what it was given',
};

/** The run request for recorded inputs: only the non-empty fields, as the New run form sends. */
export function runAgainBody(inputs: TaskInputs): RunJsonBody {
  return runJsonBody(inputs);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts one new task per recorded run, one after another (a burst of runs is what a rate limit
 * is for), each with the same agent version, query, schema and instructions; the new task is
 * put in the cache and its inputs remembered, as a run from the New run form is.
 */
export async function runTasksAgain(
  queryClient: QueryClient,
  runs: readonly { taskId: string; inputs: TaskInputs }[],
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const { taskId, inputs } of runs) {
    try {
      const path = `/api/v1/agents/${encodeURIComponent(inputs.agentId)}/run`;
      const run = await postRunJson(path, runAgainBody(inputs));
      seedStartedTask(queryClient, run, inputs.agentId);
      rememberTaskInputs(run.task_id, { ...inputs, startedAt: Date.now() });
      outcomes.push({ taskId, ok: true, newTaskId: run.task_id });
    } catch (error) {
      outcomes.push({ taskId, ok: false, message: messageOf(error) });
    }
  }
  return outcomes;
}
