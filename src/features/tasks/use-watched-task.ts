/** `useWatchedTask(taskId)`: the task page's poller (`taskQueries.watched`, the ladder of decision
 *  0008), and what the page says about how fresh its data is. It holds no clock of its own: the
 *  rate-limit countdown ticks in its own component (`RateLimitCountdown`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { resourceState, subscribeRequestHealth } from '@/api/request-health';
import { taskPath } from '@/api/tasks';
import { lastActionAt } from '@/entities/task/actions';
import type { CachedTask } from '@/entities/task/cache';
import { taskQueries } from '@/entities/task/queries';

export interface WatchedTask {
  /** The newest state known, from any read (or the run response). */
  task: CachedTask | undefined;
  /** The last read's error; with `task` set, the data on screen is as of `dataUpdatedAt`. */
  error: Error | null;
  /** Nothing known yet and the first read still under way. */
  isPending: boolean;
  /** A read is in flight (a Retry shows it). */
  isFetching: boolean;
  /** The last read failed: what is on screen may be stale. */
  lastReadFailed: boolean;
  /** When the data on screen was last confirmed (epoch ms; 0 when never). */
  dataUpdatedAt: number;
  /** After a 429: no read of this task before this time (epoch ms); 0 when none. */
  blockedUntil: number;
  refetch: () => void;
}

export function useWatchedTask(taskId: string): WatchedTask {
  const queryClient = useQueryClient();
  const query = useQuery(taskQueries.watched(taskId, () => lastActionAt(queryClient, taskId)));
  // A read tried again after a failure starts from nothing (TanStack resets a failed query with
  // no data to pending): the failure stays on screen, "Retrying…", until an answer replaces it.
  const [lastFailure, setLastFailure] = useState<Error | null>(null);
  if (query.error && query.error !== lastFailure) setLastFailure(query.error);
  else if (!query.error && query.data !== undefined && lastFailure !== null) setLastFailure(null);
  const error = query.error ?? (query.data === undefined ? lastFailure : null);
  const resource = taskPath(taskId);
  const blockedUntil = useSyncExternalStore(
    subscribeRequestHealth,
    () => resourceState(resource)?.blockedUntil ?? 0,
  );
  return {
    task: query.data,
    error,
    isPending: query.isPending,
    isFetching: query.isFetching,
    lastReadFailed: query.isError,
    dataUpdatedAt: query.dataUpdatedAt,
    blockedUntil,
    refetch: () => void query.refetch(),
  };
}
