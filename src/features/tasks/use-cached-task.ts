/**
 * A task's newest known state, for any view that shows it without polling it (a list row, a
 * `Needs you` entry). It subscribes to the task's one cache entry, so every read anyone makes —
 * the list's live refresh, the task page's poller — shows here at once.
 *
 * It reads the task itself only when nothing says its status: the API's list example shows no
 * `status` on items, so such a row is read once, and from then on polled only if it is live.
 */
import { useQuery } from '@tanstack/react-query';
import type { CachedTask } from './task-cache';
import { taskQueries } from './tasks-queries';

/** Tasks already read once for want of a status, so a row scrolled out and back reads nothing. */
const readForStatus = new Set<string>();

export function useCachedTask(taskId: string): CachedTask | undefined {
  const query = useQuery({
    ...taskQueries.detail(taskId),
    enabled: (query) =>
      query.state.data?.status === undefined &&
      !readForStatus.has(taskId) &&
      query.state.fetchStatus === 'idle',
  });
  if (query.isFetched) readForStatus.add(taskId);
  return query.data;
}
