/** `useCancelTask(taskId)`: `POST /tasks/{id}/cancel`, at most one in flight per task, never
 *  retried by itself. Its answer goes into the task's cache entry and the stop's time is
 *  remembered (`task-stops.ts`) for the trace; the page polls fast afterwards (decision 0008). */
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelTask } from '@/api/tasks';
import { settleCancel } from '@/entities/task/cancel';
import { taskMutationKeys } from '@/entities/task/keys';

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
    onSuccess: (state, _variables, confirmedAt) =>
      settleCancel(queryClient, taskId, state, confirmedAt),
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
