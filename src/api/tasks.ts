/**
 * Task endpoints used so far: the cheap status read and the filtered list. Each takes the
 * `AbortSignal` React Query hands the query function.
 */
import { requestJson } from './http';
import { TaskPage, TaskState, type TaskStatus } from './schemas';

export interface ListTasksParams {
  cursor?: string | undefined;
  limit?: number | undefined;
  agent_id?: string | undefined;
  status?: readonly TaskStatus[] | undefined;
  /** ISO-8601, inclusive. */
  created_after?: string | undefined;
  created_before?: string | undefined;
  /** Case-insensitive substring of the title. */
  q?: string | undefined;
}

export function getTask(taskId: string, signal?: AbortSignal): Promise<TaskState> {
  return requestJson(`/api/v1/tasks/${encodeURIComponent(taskId)}`, { signal, schema: TaskState });
}

export function listTasks(params: ListTasksParams, signal?: AbortSignal): Promise<TaskPage> {
  return requestJson('/api/v1/tasks', { query: { ...params }, signal, schema: TaskPage });
}
