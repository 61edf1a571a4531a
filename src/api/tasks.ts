/** Task endpoints: the cheap status read, the filtered list, cancel, and the final answer. Each
 *  read takes the `AbortSignal` React Query (or the caller) hands it, so a superseded or cancelled
 *  read stops on the wire. */
import { requestJson } from './http';
import { Summary, TaskPage, TaskState, type TaskStatus } from './schemas';

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

/** `/api/v1/tasks/{id}` plus `rest` (`/summary`, `/messages`…): every task path, written once. */
export function taskPath(taskId: string, rest = ''): string {
  return `/api/v1/tasks/${encodeURIComponent(taskId)}${rest}`;
}

export function getTask(taskId: string, signal?: AbortSignal): Promise<TaskState> {
  return requestJson(taskPath(taskId), { signal, schema: TaskState });
}

export function listTasks(params: ListTasksParams, signal?: AbortSignal): Promise<TaskPage> {
  return requestJson('/api/v1/tasks', { query: { ...params }, signal, schema: TaskPage });
}

/** Idempotent: on a task that already ended, the API answers with its current state. */
export function cancelTask(taskId: string): Promise<TaskState> {
  return requestJson(taskPath(taskId, '/cancel'), { method: 'POST', schema: TaskState });
}

export function getTaskSummary(taskId: string, signal?: AbortSignal): Promise<Summary> {
  return requestJson(taskPath(taskId, '/summary'), { signal, schema: Summary });
}
