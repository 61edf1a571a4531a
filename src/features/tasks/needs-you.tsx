/**
 * `Needs you`: every task waiting on the person, above the list, each linking straight to where
 * they act — the conversation for a question (`waiting_for_input`), the task for a review
 * (`awaiting_review`). It reads the app's needs-you set (`useNeedsYou`), kept by one watcher on
 * every page whatever the list's filters, and each task's own cache entry.
 *
 * With nothing waiting the region stays, collapsed to one line, so the notification switch is
 * always in the same place.
 */
import { Link } from 'wouter';
import { SafeText } from '@/components/safe-text';
import { visibleText } from '@/lib/reveal-invisibles';
import { cn } from '@/lib/cn';
import type { CachedTask } from '@/entities/task/cache';
import { useNeedsYou, useTask } from '@/entities/task/hooks';
import { NotificationToggle } from './notification-toggle';
import { StatusBadge } from './status-badge';
import { taskLabel } from './task-label';
import { RelativeTime } from './task-times';

/** Where the person acts on a task that needs them. */
export function needsYouHref(task: CachedTask): string {
  const path = `/tasks/${encodeURIComponent(task.task_id)}`;
  return task.status === 'waiting_for_input' ? `${path}?tab=conversation` : path;
}

function NeedsYouEntry({ taskId }: { taskId: string }) {
  const { task } = useTask(taskId);
  if (!task) return null;
  const label = taskLabel(task.task_id, task);
  const since = task.updated_at ?? task.created_at;
  return (
    <li className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 py-2">
      <StatusBadge status={task.status} />
      <Link
        href={needsYouHref(task)}
        title={visibleText(label.full)}
        className={cn(
          'min-w-0 flex-1 truncate text-sm font-medium text-accent underline-offset-2 hover:underline',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
          label.source === 'id' && 'font-mono text-xs',
        )}
      >
        <SafeText text={label.text} />
      </Link>
      {since && !Number.isNaN(Date.parse(since)) ? (
        <RelativeTime value={since} className="text-xs text-muted" />
      ) : null}
    </li>
  );
}

export function NeedsYou({ className }: { className?: string | undefined }) {
  const tasks = useNeedsYou();
  return (
    <section
      aria-label="Needs you"
      className={cn(
        'rounded-lg border bg-surface px-4 py-3',
        tasks.length > 0 ? 'border-status-waiting/40' : 'border-border',
        className,
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          Needs you
          {tasks.length > 0 ? <span className="ml-1.5 text-muted">({tasks.length})</span> : null}
        </h2>
        <NotificationToggle />
      </div>
      {tasks.length === 0 ? (
        <p className="mt-1 text-sm text-muted">Nothing needs you right now.</p>
      ) : (
        <ul className="mt-1 divide-y divide-border">
          {tasks.map((taskId) => (
            <NeedsYouEntry key={taskId} taskId={taskId} />
          ))}
        </ul>
      )}
    </section>
  );
}
