/** Every query and mutation key of a task, written once: one key per resource, generic to specific,
 *  so `['tasks', id]` invalidates a task with all it owns and `['tasks', 'list']` every list. A
 *  task's own state is `['tasks', id]`; lists live under `['tasks', 'list', …]`. */
import type { TaskListFilters } from './filters';

export const taskKeys = {
  all: ['tasks'] as const,
  /** `GET /tasks/{id}`: the task's state. */
  task: (taskId: string) => ['tasks', taskId] as const,
  messages: (taskId: string) => ['tasks', taskId, 'messages'] as const,
  summary: (taskId: string) => ['tasks', taskId, 'summary'] as const,
  result: (taskId: string) => ['tasks', taskId, 'result'] as const,

  lists: () => ['tasks', 'list'] as const,
  /** One filter set's pages, and the re-reads of its first page. */
  list: (filters: TaskListFilters) => ['tasks', 'list', filters] as const,
  arrivals: (filters: TaskListFilters) => ['tasks', 'list', filters, 'arrivals'] as const,
  /** Every live task of the workspace, in one walk (the lists' live refresh). */
  live: () => ['tasks', 'list', 'live'] as const,
  /** The ids of the tasks waiting on a person, newest first (the app-level watcher). */
  needsYou: () => ['tasks', 'list', 'needs-you'] as const,
};

/** Mutations on one task; any of them opens the task page's fast polling window. */
export const taskMutationKeys = {
  all: (taskId: string) => ['tasks', taskId] as const,
  cancel: (taskId: string) => ['tasks', taskId, 'cancel'] as const,
  reply: (taskId: string) => ['tasks', taskId, 'reply'] as const,
  review: (taskId: string) => ['tasks', taskId, 'review'] as const,
};

/** The task id of a task's own key (`['tasks', id]`), else undefined. */
export function taskIdOfKey(key: readonly unknown[]): string | undefined {
  return key.length === 2 && key[0] === 'tasks' && typeof key[1] === 'string' && key[1] !== 'list'
    ? key[1]
    : undefined;
}
