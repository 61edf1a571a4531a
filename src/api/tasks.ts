/**
 * Task endpoints used so far: the filtered list. Each takes the `AbortSignal` React Query (or
 * the caller) hands it, so a superseded or cancelled read stops on the wire.
 */
import { requestJson } from './http';
import { TaskPage, type TaskStatus } from './schemas';

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

export function listTasks(params: ListTasksParams, signal?: AbortSignal): Promise<TaskPage> {
  return requestJson('/api/v1/tasks', { query: { ...params }, signal, schema: TaskPage });
}
