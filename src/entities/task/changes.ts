/** What follows a task's change, wherever it was read: what it owns is marked stale for the views
 *  to re-read at their own pace (decision 0008), and the needs-you set is kept. One cache listener
 *  per QueryClient, installed by `createQueryClient`. */
import type { QueryClient } from '@tanstack/react-query';
import { taskChanged, type CachedTask } from './cache';
import { taskIdOfKey, taskKeys } from './keys';
import { noteNeedsYou } from './needs-you';

export function watchTaskChanges(queryClient: QueryClient): () => void {
  const cache = queryClient.getQueryCache();
  const seen = new Map<string, CachedTask>();
  return cache.subscribe((event) => {
    if (event.type === 'removed') {
      const removed = taskIdOfKey(event.query.queryKey as readonly unknown[]);
      if (removed !== undefined) seen.delete(removed);
      return;
    }
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const taskId = taskIdOfKey(event.query.queryKey as readonly unknown[]);
    const task = event.query.state.data as CachedTask | undefined;
    if (taskId === undefined || task === undefined) return;
    const before = seen.get(taskId);
    seen.set(taskId, task);
    if (before !== undefined && taskChanged(before, task)) {
      const stale = { refetchType: 'none', exact: true } as const;
      void queryClient.invalidateQueries({ queryKey: taskKeys.messages(taskId), ...stale });
      void queryClient.invalidateQueries({ queryKey: taskKeys.result(taskId), ...stale });
      if (before.status !== task.status) {
        void queryClient.invalidateQueries({ queryKey: taskKeys.summary(taskId), ...stale });
      }
    }
    if (before?.status !== task.status) noteNeedsYou(queryClient, taskId);
  });
}
