/** The top of the task view: title (or id), status and its freshness, actions (`Run again`,
 *  `Cancel task` while live, review), and facts. The heading wraps anywhere and isolates its
 *  text (`<bdi>`). */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { SafeText } from '@/components/safe-text';
import type { CachedTask } from '@/entities/task/cache';
import { isTerminal } from '@/entities/task/status';
import { formatClockTime } from '@/lib/format';
import { useCountdown } from '@/lib/use-countdown';
import { AwaitingReviewNotice } from './awaiting-review-notice';
import { CancelTaskButton } from './cancel-task-button';
import { StatusBadge } from '@/entities/task/status-badge';
import { TaskRow, TaskTiming } from './task-timing';
import type { WatchedTask } from './use-watched-task';

const LINK_CLASS = 'text-accent underline underline-offset-2';
const BUTTON_LINK_CLASS =
  'inline-flex h-10 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium text-text hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';

/** `/?agent=…[&rerun=…]`: the new-run form, on an agent, optionally prefilled from a task. */
export function newRunHref(agentId: string, rerunTaskId?: string): string {
  const params = new URLSearchParams({ agent: agentId });
  if (rerunTaskId !== undefined) params.set('rerun', rerunTaskId);
  return `/?${params.toString()}`;
}

export interface TaskHeaderProps {
  /** The id as in the URL, shown until the task has a title. */
  taskId: string;
  task: CachedTask;
  /** The agent's name, when the page knows it; else the list's `agent_name`, else the id. */
  agentName?: string | undefined;
  freshness: Pick<WatchedTask, 'error' | 'lastReadFailed' | 'dataUpdatedAt' | 'blockedUntil'>;
  /** Shown inside the awaiting-review notice (the simulator's Approve / Reject). */
  reviewActions?: ReactNode;
  /** More actions beside `Run again`, from other features (composed by the page). */
  actions?: ReactNode;
}

export function TaskHeader({
  taskId,
  task,
  agentName,
  freshness,
  reviewActions,
  actions,
}: TaskHeaderProps) {
  const title = task.title?.trim() || taskId;
  const agentId = task.agent_id;
  const live = !isTerminal(task.status);
  return (
    <header className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">
          <SafeText text={title} />
        </h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <StatusBadge status={task.status} />
          <Freshness {...freshness} />
        </div>
      </div>
      {task.status === 'awaiting_review' ? (
        <AwaitingReviewNotice taskId={taskId} actions={reviewActions} />
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {agentId ? (
          <Link href={newRunHref(agentId, task.task_id)} className={BUTTON_LINK_CLASS}>
            Run again
          </Link>
        ) : null}
        {live ? <CancelTaskButton taskId={taskId} /> : null}
        {actions}
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <TaskRow term="Agent">
          {agentId ? (
            <Link
              href={newRunHref(agentId)}
              title="Start a new run with this agent"
              className={LINK_CLASS}
            >
              <SafeText text={agentName ?? task.agent_name ?? agentId} />
            </Link>
          ) : (
            <span className="text-muted">Not known</span>
          )}
        </TaskRow>
        <TaskTiming task={task} />
      </dl>
    </header>
  );
}

/** "as of HH:MM:SS" when the last read failed, and the wait after a 429. Not a live region:
 *  it changes every second while counting down; the shell's banner announces outages. */
function Freshness({
  error,
  lastReadFailed,
  dataUpdatedAt,
  blockedUntil,
}: TaskHeaderProps['freshness']) {
  return (
    <>
      {lastReadFailed ? (
        <span className="text-muted" title={error?.message}>
          as of {formatClockTime(dataUpdatedAt)}
        </span>
      ) : null}
      {blockedUntil > 0 ? <RateLimitCountdown until={blockedUntil} /> : null}
    </>
  );
}

/** Ticks on its own, so the wait's countdown never re-renders the task view around it. */
function RateLimitCountdown({ until }: { until: number }) {
  const seconds = useCountdown(until);
  if (seconds <= 0) return null;
  return (
    <span className="text-warning tabular-nums">Rate limited — next update in {seconds} s</span>
  );
}
