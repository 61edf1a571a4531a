/** Cancelling tasks, written once for every view: what a cancel's answer does (the task's cache
 *  entry, the stop's time for its trace) and cancelling many at once under each task's cancel key,
 *  so a page showing one of them polls fast afterwards (decision 0008). */
import type { QueryClient } from '@tanstack/react-query';
import { cancelTask } from '@/api/tasks';
import type { TaskState } from '@/api/schemas';
import { rememberTaskStop } from '@/lib/task-stops';
import { writeTasks } from './cache';
import { taskKeys, taskMutationKeys } from './keys';
import { isTerminal } from './status';

export interface CancelOutcome {
  taskId: string;
  ok: boolean;
  /** The server's message when it failed. */
  message?: string | undefined;
}

/** A cancel's answer: into the task's cache entry, and the stop's time remembered (the API's
 *  when it says stopped, else when the person confirmed) unless the task ended another way. */
export function settleCancel(
  queryClient: QueryClient,
  taskId: string,
  state: TaskState,
  confirmedAt: string,
): void {
  const stopped = state.status === 'stopped';
  const stamp = stopped ? state.updated_at : undefined;
  if (stamp !== undefined && !Number.isNaN(Date.parse(stamp))) rememberTaskStop(taskId, stamp);
  // A task that completed or failed before the cancel arrived was not stopped.
  else if (stopped || !isTerminal(state.status)) rememberTaskStop(taskId, confirmedAt);
  writeTasks(queryClient, [state]);
  void queryClient.invalidateQueries({ queryKey: taskKeys.task(taskId), exact: true });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cancels each task (at once, in parallel); a task whose cancel is already in flight is left to
 *  it. Every outcome is reported, failures with the server's message. */
export async function cancelTasks(
  queryClient: QueryClient,
  taskIds: readonly string[],
): Promise<CancelOutcome[]> {
  const confirmedAt = new Date().toISOString();
  return Promise.all(
    taskIds.map(async (taskId): Promise<CancelOutcome> => {
      const mutationKey = taskMutationKeys.cancel(taskId);
      if (queryClient.isMutating({ mutationKey }) > 0) return { taskId, ok: true };
      const mutation = queryClient.getMutationCache().build(queryClient, {
        mutationKey,
        mutationFn: () => cancelTask(taskId),
        // Offline, a paused mutation would wait silently; a cancel fails at once and says why.
        networkMode: 'always',
      });
      try {
        settleCancel(queryClient, taskId, await mutation.execute(undefined), confirmedAt);
        return { taskId, ok: true };
      } catch (error) {
        return { taskId, ok: false, message: messageOf(error) };
      }
    }),
  );
}
