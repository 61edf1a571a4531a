/**
 * What happens when a task's status changes, wherever the change was read (the task page's
 * poller, the list's live refresh, a page of the list): the change is recorded for the
 * time-in-status breakdown, announced in the polite live region, notified when it means the
 * person is needed (if they turned notifications on), and a task that just ended has its final
 * answer read, once.
 *
 * Mounted once for the whole app. It listens to the query cache, where every read of a task
 * lands (`task-cache.ts`), rather than to any one view, so a change is handled exactly once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { announce } from '@/lib/announcer';
import { notify } from './notifications';
import { isTerminal } from './polling-policy';
import type { CachedTask } from './task-cache';
import { taskLabel } from './task-label';
import { taskStatusMeta } from './task-status';
import { taskQueries } from './tasks-queries';
import { observeStatus } from './transitions-store';

export function statusSentence(task: CachedTask): string {
  const name = taskLabel(task.task_id, task).text;
  switch (task.status) {
    case 'waiting_for_input':
      return `${name} now needs your input`;
    case 'awaiting_review':
      return `${name} is awaiting your review`;
    default:
      return `${name} is now ${taskStatusMeta(task.status).label.toLowerCase()}`;
  }
}

function isDetailKey(key: readonly unknown[]): key is readonly ['tasks', 'detail', string] {
  return key[0] === 'tasks' && key[1] === 'detail' && typeof key[2] === 'string';
}

export function useTaskEvents(onOpen: (taskId: string, needs: string | undefined) => void): void {
  const queryClient = useQueryClient();
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  });

  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const known = new Map<string, string | undefined>();
    for (const query of cache.findAll({ queryKey: ['tasks', 'detail'] })) {
      const task = query.state.data as CachedTask | undefined;
      if (task) known.set(task.task_id, task.status);
    }
    return cache.subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (!isDetailKey(event.query.queryKey as readonly unknown[])) return;
      const task = event.query.state.data as CachedTask | undefined;
      if (!task?.status) return;
      const before = known.get(task.task_id);
      known.set(task.task_id, task.status);
      const at = Date.parse(task.updated_at ?? '');
      observeStatus(task.task_id, task.status, Number.isNaN(at) ? Date.now() : at);
      // The first sight of a task is not a change; a repeat of the same status neither.
      if (before === undefined || before === task.status) return;

      const sentence = statusSentence(task);
      announce(sentence);
      if (taskStatusMeta(task.status).needsPerson) {
        notify(sentence, 'Agent Console', () => open.current(task.task_id, task.status));
      }
      if (isTerminal(task.status)) {
        void queryClient.prefetchQuery(taskQueries.summary(task.task_id));
      }
    });
  }, [queryClient]);
}
