/** A task's status change, wherever it was read: announced in the polite live region and, when the
 *  person is needed, notified by the leading tab if notifications are on. Mounted once. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { CachedTask } from '@/entities/task/cache';
import { taskIdOfKey } from '@/entities/task/keys';
import { taskStatusMeta } from '@/entities/task/status';
import { taskSyncOf } from '@/entities/task/tab-sync';
import { announce } from '@/lib/announcer';
import { notify } from './notifications';
import { taskLabel } from './task-label';

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

export function useTaskEvents(onOpen: (taskId: string, needs: string | undefined) => void): void {
  const queryClient = useQueryClient();
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  });

  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const sync = taskSyncOf(queryClient);
    const known = new Map<string, string | undefined>();
    for (const query of cache.getAll()) {
      const task = query.state.data as CachedTask | undefined;
      if (taskIdOfKey(query.queryKey) !== undefined && task) known.set(task.task_id, task.status);
    }
    return cache.subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (taskIdOfKey(event.query.queryKey as readonly unknown[]) === undefined) return;
      const task = event.query.state.data as CachedTask | undefined;
      if (!task?.status) return;
      const before = known.get(task.task_id);
      known.set(task.task_id, task.status);
      // The first sight of a task is not a change; a repeat of the same status neither.
      if (before === undefined || before === task.status) return;

      const sentence = statusSentence(task);
      announce(sentence);
      // Every tab hears of the change; one of them tells the operating system.
      if (taskStatusMeta(task.status).needsPerson && sync.isLeader()) {
        notify(sentence, 'Agent Console', () => open.current(task.task_id, task.status));
      }
    });
  }, [queryClient]);
}
