/** What to call a task where it is listed: its title, else the start of the query this browser ran
 *  it with, else its id, so a link's name is never empty; `full` keeps the whole text. */
import { taskInputsOf } from '@/lib/task-inputs';
import type { CachedTask } from '@/entities/task/cache';

/** Past this, a query is cut for a row; the whole text stays in `full`. */
const MAX_QUERY_START = 80;

export interface TaskLabel {
  text: string;
  full: string;
  source: 'title' | 'query' | 'id';
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function taskLabel(taskId: string, task: CachedTask | undefined): TaskLabel {
  const title = flatten(task?.title ?? '');
  if (title) return { text: title, full: title, source: 'title' };
  const query = flatten(taskInputsOf(taskId)?.query ?? '');
  if (query) {
    const text =
      query.length > MAX_QUERY_START ? `${query.slice(0, MAX_QUERY_START - 1).trimEnd()}…` : query;
    return { text, full: query, source: 'query' };
  }
  return { text: taskId, full: taskId, source: 'id' };
}
