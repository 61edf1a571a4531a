/**
 * The Trace's read of `/result`. One cache entry per version of the task (status + updated_at,
 * as the task page's poller last saw them): the feed is re-read only when the task is seen to
 * change, never on a timer (decision 0008), and a finished task's feed is read once and kept.
 * While a newer version loads, the previous feed stays on screen (`keepPreviousData`).
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getTaskResult, taskResultKey } from '@/api/results';

/** Superseded versions of a live task's feed are dropped soon: a long trace can be megabytes. */
const LIVE_GC_MS = 15_000;

export const traceQueries = {
  result: (taskId: string, version: string, finished: boolean) =>
    queryOptions({
      queryKey: taskResultKey(taskId, version),
      queryFn: ({ signal }) => getTaskResult(taskId, signal),
      staleTime: Infinity,
      gcTime: finished ? 5 * 60_000 : LIVE_GC_MS,
      refetchOnWindowFocus: false,
      placeholderData: keepPreviousData,
    }),
};
