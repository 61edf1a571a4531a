/**
 * One task, one truth: `['tasks', 'detail', id]` holds the newest state the console knows of each
 * task, whoever read it — the task page's poller, the list's one-request refresh of its live
 * tasks, a page of the list, or the run response. Every view of a task (its row, its page, the
 * `Needs you` region, the title count) reads it from there, so the list and the task page can
 * never disagree.
 *
 * `mergeTask` decides what "newest" means when reads cross on the wire: an older `updated_at`
 * never replaces a newer one, a terminal state is never replaced by a live one (a slow list page
 * must not bring a finished task back to life), and a field one read lacks (the list's
 * `agent_name`, a title the detail read omitted) is kept from the other.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { TaskListItem } from '@/api/schemas';
import { isTerminal } from './polling-policy';

/** What the cache holds per task: its state, plus the list's `agent_name` when one was read. */
export type CachedTask = TaskListItem;

export const taskDetailKey = (taskId: string) => ['tasks', 'detail', taskId] as const;

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

function timeOf(value: string | undefined): number {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? NaN : time;
}

export function mergeTask(previous: CachedTask | undefined, incoming: CachedTask): CachedTask {
  if (!previous) return incoming;
  const older = timeOf(incoming.updated_at) < timeOf(previous.updated_at);
  const revives = isTerminal(previous.status) && !isTerminal(incoming.status);
  if (older || revives) return { ...incoming, ...definedFields(previous) };
  return { ...previous, ...definedFields(incoming) };
}

/** Writes what a read learned about tasks into their one cache entry each. */
export function writeTasks(queryClient: QueryClient, tasks: readonly CachedTask[]): void {
  for (const task of tasks) {
    queryClient.setQueryData<CachedTask>(taskDetailKey(task.task_id), (previous) =>
      mergeTask(previous, task),
    );
  }
}

export function readTask(queryClient: QueryClient, taskId: string): CachedTask | undefined {
  return queryClient.getQueryData<CachedTask>(taskDetailKey(taskId));
}
