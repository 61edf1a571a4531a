/** The times a task view shows, each ticking on its own, so a clock never re-renders a row, a
 *  header or a whole task view: a relative time ("3 minutes ago", the exact time on hover) and a
 *  task's duration (ticking while it is live, fixed once it has ended). */
import { formatExactTime, formatRelativeTime } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import type { CachedTask } from './cache';
import { isTerminal } from './status';
import { taskDuration } from './task-duration';

export function RelativeTime({
  value,
  fallback = '—',
  className,
}: {
  value: string | undefined;
  fallback?: string;
  className?: string | undefined;
}) {
  const now = useNow(1000);
  if (!value || Number.isNaN(Date.parse(value))) return <span>{fallback}</span>;
  return (
    <time dateTime={value} title={formatExactTime(value)} className={className}>
      {formatRelativeTime(value, now)}
    </time>
  );
}

function LiveDuration({ task }: { task: CachedTask }) {
  const now = useNow(1000);
  return <>{taskDuration(task, now)}</>;
}

/** `endedAt`: when a finished task completed, where the API said so apart from `updated_at`. */
export function Duration({ task, endedAt }: { task: CachedTask; endedAt?: number | undefined }) {
  // A finished task's duration does not move: no clock for it.
  return isTerminal(task.status) ? (
    <>{taskDuration(task, 0, endedAt)}</>
  ) : (
    <LiveDuration task={task} />
  );
}
