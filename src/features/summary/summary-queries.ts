/**
 * The Summary's reads.
 *
 * - `answer(id, undefined)`: `/summary` of a finished task, under the key the tasks feature
 *   prefetches when a task ends (`['tasks', 'summary', id]`, same fetcher), so opening the tab
 *   costs nothing new; read once and kept.
 * - `answer(id, version)`: the latest intermediate answer of a running task, re-read only when
 *   the task's own poller sees it change (its status or `updated_at`; decision 0008).
 * Either keeps the previous answer on screen while the next one loads.
 * - `result(id, version)`: `/result`, for a failed task's error and, when `/summary` left it
 *   out, the final step's extracted data. Same key and fetcher as the Trace's read, so the two
 *   tabs share one copy.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getTaskResult, taskResultKey } from '@/api/results';
import { getTaskSummary } from '@/api/tasks';

const FIVE_MINUTES = 5 * 60_000;

export const summaryQueries = {
  /** One factory for both reads, so a view goes from one to the other in one `useQuery`. */
  answer: (taskId: string, version: string | undefined) =>
    queryOptions({
      queryKey:
        version === undefined
          ? ['tasks', 'summary', taskId]
          : ['tasks', 'summary', taskId, 'live', version],
      queryFn: ({ signal }) => getTaskSummary(taskId, signal),
      staleTime: Infinity,
      gcTime: version === undefined ? FIVE_MINUTES : 15_000,
      refetchOnWindowFocus: false,
      placeholderData: keepPreviousData,
    }),

  result: (taskId: string, version: string) =>
    queryOptions({
      queryKey: taskResultKey(taskId, version),
      queryFn: ({ signal }) => getTaskResult(taskId, signal),
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    }),
};
