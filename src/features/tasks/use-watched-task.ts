/**
 * `useWatchedTask(taskId)`: the task page's poller and what the page needs to say about how fresh
 * its data is.
 *
 * - It polls `taskQueries.watched(id)` (the ladder of decision 0008) and registers the task in
 *   the watch registry while mounted, so the list's one-request refresh leaves this task to it:
 *   one poller per task however many views show it.
 * - After a 429 the fetch layer holds every read of the task until `Retry-After` has passed; the
 *   page shows that wait as a countdown, read from the request-health store, while the last
 *   known state stays on screen. A run response may have seeded the cache, so even a 429 on the
 *   very first read leaves a task to show.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { resourceState, subscribeRequestHealth } from '@/api/request-health';
import { rateLimitWait } from '@/lib/error-advice';
import { useNow } from '@/lib/use-now';
import type { CachedTask } from './task-cache';
import { taskQueries, taskResource } from './tasks-queries';
import { watchTask } from './watch-registry';

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
  /** Seconds until the API allows the next read after a 429, ticking; 0 when there is no wait. */
  rateLimitSeconds: number;
  refetch: () => void;
}

export function useWatchedTask(taskId: string): WatchedTask {
  const query = useQuery(taskQueries.watched(taskId));

  useEffect(() => watchTask(taskId), [taskId]);

  const resource = taskResource(taskId);
  const health = useSyncExternalStore(subscribeRequestHealth, () => resourceState(resource));
  const now = useNow(1000);
  const blockedUntil = health?.blockedUntil ?? 0;
  // The shared ticker may be up to a second old when a 429 lands; never show more than the wait
  // the API asked for.
  const asked = rateLimitWait(health?.lastError) ?? Infinity;
  const rateLimitSeconds = Math.min(asked, Math.max(0, Math.ceil((blockedUntil - now) / 1000)));

  return {
    task: query.data,
    error: query.error,
    isPending: query.isPending,
    isFetching: query.isFetching,
    lastReadFailed: query.isError,
    dataUpdatedAt: query.dataUpdatedAt,
    blockedUntil,
    rateLimitSeconds,
    refetch: () => void query.refetch(),
  };
}
