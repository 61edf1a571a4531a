/**
 * Query keys for tasks, generic to specific (`['tasks', 'detail', id]`) so a whole level can be
 * invalidated at once, and the cache seeding a new run needs. The live list, the detail read and
 * their polling policy arrive with the task list issue.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { RunResponse, TaskState } from '@/api/schemas';

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  details: () => [...taskKeys.all, 'detail'] as const,
  detail: (taskId: string) => [...taskKeys.details(), taskId] as const,
};

/**
 * Puts a task the console just created into the cache, so its page renders at once from the
 * run response instead of waiting for a read, and marks every task list stale so the next look
 * at one includes it.
 */
export function seedStartedTask(queryClient: QueryClient, run: RunResponse, agentId: string): void {
  const createdAt = run.created_at ?? new Date().toISOString();
  const task: TaskState = {
    ...run,
    task_id: run.task_id,
    agent_id: run.agent_id ?? agentId,
    status: run.status ?? 'pending',
    created_at: createdAt,
    updated_at: createdAt,
  };
  queryClient.setQueryData(taskKeys.detail(run.task_id), task);
  void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
}
