/** How long a task has taken, for its row: `created_at` to now while live (whole seconds), to
 *  `updated_at` (or a known `completed_at`) once ended; `—` when the timestamps cannot say. */
import { formatDuration } from '@/lib/format';
import type { CachedTask } from './cache';
import { isTerminal } from './status';

export function taskDuration(task: CachedTask, now: number, endedAt?: number): string {
  const created = Date.parse(task.created_at ?? '');
  if (Number.isNaN(created)) return '—';
  if (isTerminal(task.status)) {
    const ended = endedAt ?? Date.parse(task.updated_at ?? '');
    return Number.isNaN(ended) ? '—' : formatDuration(Math.max(0, ended - created));
  }
  const seconds = Math.floor(Math.max(0, now - created) / 1000);
  return seconds === 0 ? '0 s' : formatDuration(seconds * 1000);
}
