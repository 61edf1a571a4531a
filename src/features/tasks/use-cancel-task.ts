/**
 * `useCancelTask(taskId)`: stop a task (`POST /tasks/{id}/cancel`).
 *
 * - The person just acted, so the task's page polls fast for a few seconds (the mutation's key
 *   says whose action it was) to show the consequence at once.
 * - The answer is the task's state: it goes into the task's one cache entry, so every view shows
 *   `Stopped` without waiting for a poll, and the detail is invalidated so the poller confirms it
 *   with a read straight away.
 * - Cancelling is idempotent in the API, but a second request is still noise: `cancel()` drops a
 *   call while one for the same task is in flight (a double click), checked against the mutation
 *   cache, which marks a mutation pending synchronously.
 * - Like every mutation of the console it never retries by itself; a failure stays on the
 *   mutation for the view to explain, and the cache keeps the task as it was.
 * - A cancel that took is remembered with its time (`task-stops.ts`): the server's stamp of the
 *   stop, else the moment it was confirmed here, so the trace can set apart a step that landed
 *   after it (a step in flight still lands; the task's `updated_at` then moves past the stop).
 */
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelTask } from '@/api/tasks';
import { writeTasks } from '@/entities/task/cache';
import { taskKeys, taskMutationKeys } from '@/entities/task/keys';
import { isTerminal } from '@/entities/task/status';
import { rememberTaskStop } from '@/lib/task-stops';

export function useCancelTask(taskId: string) {
  const queryClient = useQueryClient();
  // Its key opens the task page's fast polling window (`lastActionAt`).
  const mutationKey = taskMutationKeys.cancel(taskId);
  const mutation = useMutation({
    mutationKey,
    mutationFn: () => cancelTask(taskId),
    // Offline, a paused mutation would wait silently; a cancel fails at once and says why.
    networkMode: 'always',
    onMutate: () => new Date().toISOString(),
    onSuccess: (state, _variables, confirmedAt) => {
      const stopped = state.status === 'stopped';
      const stamp = stopped ? state.updated_at : undefined;
      if (stamp !== undefined && !Number.isNaN(Date.parse(stamp))) rememberTaskStop(taskId, stamp);
      // A task that completed or failed before the cancel arrived was not stopped.
      else if (stopped || !isTerminal(state.status)) rememberTaskStop(taskId, confirmedAt);
      writeTasks(queryClient, [state]);
      void queryClient.invalidateQueries({ queryKey: taskKeys.task(taskId), exact: true });
    },
  });
  // A view remounted while its cancel is in flight shows it as in flight too.
  const inFlight = useIsMutating({ mutationKey }) > 0;

  return {
    /** Sends the cancel unless one for this task is in flight; false when the call was dropped. */
    cancel: (options?: Parameters<typeof mutation.mutate>[1]): boolean => {
      if (queryClient.isMutating({ mutationKey }) > 0) return false;
      mutation.mutate(undefined, options);
      return true;
    },
    isPending: mutation.isPending || inFlight,
    error: mutation.error,
    reset: mutation.reset,
  };
}
