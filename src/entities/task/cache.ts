/** One cache entry per task (`['tasks', id]`) with the newest state any read brought — its page's
 *  poller, a list page, the live refresh, the needs-you watcher, another tab — so every view of a
 *  task agrees. `mergeTask` decides what "newest" means when reads cross on the wire. */
import type { QueryClient } from '@tanstack/react-query';
import type { RunResponse, TaskListItem } from '@/api/schemas';
import { taskKeys } from './keys';
import { isTerminal } from './status';

/** What the cache holds per task: its state, plus the list's `agent_name` when one was read. */
export type CachedTask = TaskListItem;

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

function timeOf(value: string | undefined): number {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? NaN : time;
}

/** An older `updated_at` never replaces a newer one, a terminal state is never replaced by a
 *  live one (a slow list page must not revive a finished task), and a field one read lacks is
 *  kept from the other. */
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
    queryClient.setQueryData<CachedTask>(taskKeys.task(task.task_id), (previous) =>
      mergeTask(previous, task),
    );
  }
}

export function readTask(queryClient: QueryClient, taskId: string): CachedTask | undefined {
  return queryClient.getQueryData<CachedTask>(taskKeys.task(taskId));
}

/** What says a task moved: a new status or a new `updated_at`. */
export function taskChanged(before: CachedTask | undefined, after: CachedTask): boolean {
  return before?.status !== after.status || before?.updated_at !== after.updated_at;
}

/** The fields a list row shows that only the task itself can fill in when a list lacks them. */
export function lacksRowFields(task: CachedTask | undefined): boolean {
  return task === undefined || task.status === undefined || task.created_at === undefined;
}

/**
 * Puts a task the console just created into the cache, so its page and the lists show it at
 * once from the run response instead of waiting for a read.
 */
export function seedStartedTask(queryClient: QueryClient, run: RunResponse, agentId: string): void {
  const createdAt = run.created_at ?? new Date().toISOString();
  // The run response's `message` is an acknowledgement, not part of the task.
  const { message: _acknowledgement, ...state } = run;
  writeTasks(queryClient, [
    {
      ...state,
      task_id: run.task_id,
      agent_id: run.agent_id ?? agentId,
      status: run.status ?? 'pending',
      created_at: createdAt,
      updated_at: createdAt,
    },
  ]);
}
