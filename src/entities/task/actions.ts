/** Two facts the polling ladder needs that no response carries, read from the QueryClient rather
 *  than kept beside it: whether a task's page polls it (an observer with a `refetchInterval`), and
 *  when the person last acted on it (the newest of its mutations: a reply, a cancel, a review). */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { readTask } from './cache';
import { taskKeys, taskMutationKeys } from './keys';
import type { PollSubject } from './polling';

/** A task page polls this task: the list's refresh leaves it to that one poller. */
export function isWatched(queryClient: QueryClient, taskId: string): boolean {
  const query = queryClient.getQueryCache().find({ queryKey: taskKeys.task(taskId), exact: true });
  return (
    query?.observers.some((observer) => {
      const interval = observer.options.refetchInterval;
      return interval !== undefined && interval !== false;
    }) ?? false
  );
}

/** When the person last acted on the task (epoch ms), if they did in this page. */
export function lastActionAt(queryClient: QueryClient, taskId: string): number | undefined {
  let latest: number | undefined;
  for (const mutation of queryClient
    .getMutationCache()
    .findAll({ mutationKey: taskMutationKeys.all(taskId) })) {
    const at = mutation.state.submittedAt;
    if (at > 0 && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
}

function epoch(value: string | undefined): number | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** What the polling ladder needs to know of a task. */
export function pollSubject(queryClient: QueryClient, taskId: string): PollSubject {
  const task = readTask(queryClient, taskId);
  return {
    status: task?.status,
    createdAt: epoch(task?.created_at),
    lastActionAt: lastActionAt(queryClient, taskId),
  };
}

/**
 * What to call when the person acted on a task from one of its views: its state is read at once
 * (the action's own mutation already opened the fast polling window).
 */
export function useTaskAction(taskId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: taskKeys.task(taskId), exact: true });
  }, [queryClient, taskId]);
}
