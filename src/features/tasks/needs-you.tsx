/** `Needs you`: every task waiting on the person, above the list, each linking to where they act
 *  and opening in place (`Answer`, `Show review`) with the reply and review the page hands in. */
import { Suspense, useId, useState, type ComponentType } from 'react';
import { Link } from 'wouter';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { Button } from '@/components/ui/button';
import { SafeText } from '@/components/safe-text';
import { visibleText } from '@/lib/reveal-invisibles';
import { cn } from '@/lib/cn';
import type { CachedTask } from '@/entities/task/cache';
import { useTaskAction } from '@/entities/task/actions';
import { useNeedsYou, useTask } from '@/entities/task/hooks';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { AwaitingReviewNotice } from './awaiting-review-notice';
import { NotificationToggle } from './notification-toggle';
import { StatusBadge } from '@/entities/task/status-badge';
import { taskLabel } from './task-label';
import { RelativeTime } from '@/entities/task/task-times';

/** Where the person acts on a task that needs them. */
export function needsYouHref(task: CachedTask): string {
  const path = `/tasks/${encodeURIComponent(task.task_id)}`;
  return task.status === 'waiting_for_input' ? `${path}?tab=conversation` : path;
}

/** What the page hands in to act on a task in place; each gets the task as a tab would. */
export interface NeedsYouActs {
  /** Answers a waiting task: its question, suggested replies, `Reply` and `Send`. */
  answer?: ComponentType<TaskTabProps> | undefined;
  /** Decides a review, where the backend takes decisions here (the simulator). */
  decide?: ComponentType<TaskTabProps> | undefined;
}

function NeedsYouEntry({
  taskId,
  answer: Answer,
  decide: Decide,
}: NeedsYouActs & { taskId: string }) {
  const { task } = useTask(taskId);
  const [open, setOpen] = useState(false);
  const onAction = useTaskAction(taskId);
  const id = useId();
  const titleId = `${id}-title`;
  const panelId = `${id}-panel`;
  if (!task) return null;
  const label = taskLabel(task.task_id, task);
  const since = task.updated_at ?? task.created_at;
  const waiting = task.status === 'waiting_for_input';
  const reviewing = task.status === 'awaiting_review';
  const opens = (waiting && Answer !== undefined) || reviewing;
  const expanded = open && opens;
  return (
    <li className="py-2">
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <StatusBadge status={task.status} />
        <Link
          id={titleId}
          href={needsYouHref(task)}
          title={visibleText(label.full)}
          className={cn(
            // Room for the title: the time and the toggle wrap below it first.
            'min-w-40 flex-1 truncate text-sm font-medium text-accent underline-offset-2 hover:underline',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
            label.source === 'id' && 'font-mono text-xs',
          )}
        >
          <SafeText text={label.text} />
        </Link>
        {since && !Number.isNaN(Date.parse(since)) ? (
          <RelativeTime value={since} className="text-xs text-muted" />
        ) : null}
        {opens ? (
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={expanded}
            aria-controls={panelId}
            aria-describedby={titleId}
            onClick={() => setOpen(!open)}
          >
            {waiting ? 'Answer' : 'Show review'}
            <span aria-hidden="true" className="text-xs text-muted">
              {expanded ? '▴' : '▾'}
            </span>
          </Button>
        ) : null}
      </div>
      <div id={panelId} hidden={!expanded} className="pt-2">
        {!expanded ? null : waiting && Answer ? (
          <PanelErrorBoundary label="Answering here" resetKeys={[taskId]}>
            <Suspense fallback={<p className="text-sm text-muted">Loading…</p>}>
              <Answer taskId={taskId} task={task} onAction={onAction} />
            </Suspense>
          </PanelErrorBoundary>
        ) : (
          <AwaitingReviewNotice
            taskId={taskId}
            actions={
              Decide ? <Decide taskId={taskId} task={task} onAction={onAction} /> : undefined
            }
          />
        )}
      </div>
    </li>
  );
}

export interface NeedsYouProps extends NeedsYouActs {
  className?: string | undefined;
}

export function NeedsYou({ className, answer, decide }: NeedsYouProps) {
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
      {/* Empty, the region stays as one line, so the notification switch keeps its place. */}
      {tasks.length === 0 ? (
        <p className="mt-1 text-sm text-muted">Nothing needs you right now.</p>
      ) : (
        <ul className="mt-1 divide-y divide-border">
          {tasks.map((taskId) => (
            <NeedsYouEntry key={taskId} taskId={taskId} answer={answer} decide={decide} />
          ))}
        </ul>
      )}
    </section>
  );
}
