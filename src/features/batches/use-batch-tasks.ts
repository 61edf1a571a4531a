/** What a batch's views know of its tasks without a poller of their own: the cache, kept by the one
 *  live refresh; unknown tasks found in one walk, the rest read once; finished ones never again. */
import { skipToken, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { isApiError } from '@/api/http';
import type { Batch } from '@/entities/batch/model';
import { lacksRowFields, readTask, type CachedTask } from '@/entities/task/cache';
import { useLiveDemand } from '@/entities/task/hooks';
import { taskKeys } from '@/entities/task/keys';
import { taskQueries, type LiveSet } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import {
  batchProgress,
  currentTaskIds,
  fileView,
  type BatchProgress,
  type FileView,
} from './batch-progress';
import { batchTaskQueries, unknownTaskIds } from './batch-task-reads';

/** A live task the live refresh has not listed is read once when a walk newer than this misses
 *  it (it may have started and ended between two walks), then at most this often. */
const UNLISTED_FIRST_MS = 3_000;
const UNLISTED_AGAIN_MS = 30_000;

export interface BatchTaskRead {
  task: CachedTask | undefined;
  /** The task's own read failed (404: `gone`). */
  error: Error | null;
  gone: boolean;
  isReading: boolean;
  /** Reads the task again (after a failed read). */
  retry: () => void;
}

export interface BatchTasks {
  views: FileView[];
  progress: BatchProgress;
  reads: ReadonlyMap<string, BatchTaskRead>;
}

const isNotFound = (error: unknown) => isApiError(error) && error.status === 404;

const EMPTY: Batch['files'] = [];

export function useBatchTasks(batch: Batch | null | undefined): BatchTasks {
  const queryClient = useQueryClient();
  const ids = useMemo(() => (batch ? currentTaskIds(batch) : []), [batch]);
  const unknown = batch ? unknownTaskIds(queryClient, batch) : [];
  const found = useQuery({ ...batchTaskQueries.found(batch), enabled: unknown.length > 0 });
  // The walk went first (or was not needed); what it did not find is read task by task.
  const walked = unknown.length === 0 || found.isSuccess || found.isError;

  const reads = useQueries({
    queries: ids.map((taskId) => ({
      ...taskQueries.detail(taskId),
      enabled: walked
        ? (query: { state: { data: CachedTask | undefined; error: unknown } }) =>
            lacksRowFields(query.state.data) && !isNotFound(query.state.error)
        : false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    })),
    combine: (results) =>
      new Map(
        results.map((result, index): [string, BatchTaskRead] => [
          ids[index] ?? '',
          {
            task: result.data,
            error: result.error,
            gone: result.data === undefined && isNotFound(result.error),
            isReading: result.isFetching,
            retry: () => void result.refetch(),
          },
        ]),
      ),
  });

  const live = ids.filter((taskId) => {
    const read = reads.get(taskId);
    return read?.task?.status !== undefined && !read.gone && !isTerminal(read.task.status);
  });
  useLiveDemand(live);
  useReadUnlisted(live);

  const views = (batch?.files ?? EMPTY).map((file) =>
    fileView(file, (taskId) => {
      const read = reads.get(taskId);
      return {
        status: read?.task?.status ?? readTask(queryClient, taskId)?.status,
        gone: read?.gone ?? false,
      };
    }),
  );
  return { views, progress: batchProgress(views), reads };
}

/**
 * The live refresh learns how a task ended when a walk that listed it stops listing it; a task
 * started between two walks that ended before the next was never listed. Those no walk has
 * listed since this page opened, and that the last complete walk missed, are read once here
 * (and again only after `UNLISTED_AGAIN_MS`, should a backend never list them).
 */
function useReadUnlisted(live: readonly string[]): void {
  const queryClient = useQueryClient();
  const { data, dataUpdatedAt } = useQuery<LiveSet>({
    queryKey: taskKeys.live(),
    queryFn: skipToken,
  });
  const listedOnce = useRef(new Set<string>());
  const readBefore = useRef(new Set<string>());
  const signature = live.join('\n');
  useEffect(() => {
    if (!data?.complete) return;
    for (const taskId of data.ids) listedOnce.current.add(taskId);
    if (signature === '') return;
    for (const taskId of signature.split('\n')) {
      if (listedOnce.current.has(taskId)) continue;
      const known = queryClient.getQueryState(taskKeys.task(taskId))?.dataUpdatedAt ?? 0;
      const wait = readBefore.current.has(taskId) ? UNLISTED_AGAIN_MS : UNLISTED_FIRST_MS;
      if (dataUpdatedAt - known < wait) continue;
      readBefore.current.add(taskId);
      void queryClient
        .fetchQuery({ ...taskQueries.detail(taskId), staleTime: 0 })
        .catch(() => undefined);
    }
  }, [data, dataUpdatedAt, signature, queryClient]);
}
