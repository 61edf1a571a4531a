/**
 * When a task was created and last changed, how long it has taken, and where that time went
 * (queued, working, waiting on you) — rows of the task header's description list.
 *
 * Times are relative ("3 minutes ago", easy to scan) with the exact time on hover and in
 * `dateTime`. Every figure comes from what the API said (`time-in-status.ts`): the task's
 * timestamps, its answer's `completed_at`, and the trace's step times when the page has read the
 * trace since the task last changed — never from what this browser happened to watch, so another
 * browser shows the same. No read of its own: it uses what the page's other views fetched.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { CachedTask } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { taskQueries } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import { formatDuration } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { Duration, RelativeTime } from './task-times';
import {
  completedAtOf,
  epochOf,
  feedTimes,
  timeInStatus,
  type ServerTimes,
  type StatusPart,
  type TimeInStatus,
} from './time-in-status';

export function TaskRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted">{term}</dt>
      <dd className="min-w-0 text-text [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

/** What the API said about the task's times, from the cache only: the answer and the trace are
 *  used when a view read them since the task last changed. */
function useServerTimes(task: CachedTask): ServerTimes {
  const queryClient = useQueryClient();
  const taskId = task.task_id;
  const summary = useQuery({ ...taskQueries.summary(taskId), enabled: false });
  const result = useQuery({ ...taskQueries.result(taskId, { follow: false }), enabled: false });
  const fresh = (key: readonly unknown[]) => !queryClient.getQueryState(key)?.isInvalidated;
  const feed = result.data && fresh(taskKeys.result(taskId)) ? result.data.feed : undefined;
  const times = useMemo(() => (feed ? feedTimes(feed) : undefined), [feed]);
  const answer = summary.data && fresh(taskKeys.summary(taskId)) ? summary.data : undefined;
  return {
    status: task.status,
    createdAt: epochOf(task.created_at),
    updatedAt: epochOf(task.updated_at),
    completedAt: completedAtOf(task) ?? completedAtOf(answer),
    feed: times,
  };
}

export function TaskTiming({ task }: { task: CachedTask }) {
  const times = useServerTimes(task);
  const ended = isTerminal(task.status) ? times.completedAt : undefined;
  return (
    <>
      <TaskRow term="Created">
        <RelativeTime value={task.created_at} fallback="Not known" />
      </TaskRow>
      <TaskRow term="Updated">
        <RelativeTime value={task.updated_at} fallback="Not known" />
      </TaskRow>
      <TaskRow term="Duration">
        <span className="tabular-nums">
          <Duration task={task} endedAt={ended} />
        </span>
      </TaskRow>
      {isTerminal(task.status) ? (
        <TimeInStatusRow breakdown={timeInStatus(times, 0)} />
      ) : (
        <LiveTimeInStatusRow times={times} />
      )}
    </>
  );
}

/** Ticks on its own while the task is live. */
function LiveTimeInStatusRow({ times }: { times: ServerTimes }) {
  const now = useNow(1000);
  return <TimeInStatusRow breakdown={timeInStatus(times, now)} live />;
}

const PART_LABELS: Record<StatusPart, string> = {
  queued: 'Queued',
  working: 'Working',
  waitingOnYou: 'Waiting on you',
  queuedOrWorking: 'Queued or working',
  inAll: 'In all',
};

/** While live, whole seconds, so the text does not flicker between ticks. */
function figure(ms: number, live: boolean): string {
  const shown = live ? Math.floor(ms / 1000) * 1000 : ms;
  return shown === 0 ? '0 s' : formatDuration(shown);
}

function TimeInStatusRow({
  breakdown,
  live = false,
}: {
  breakdown: TimeInStatus | undefined;
  live?: boolean;
}) {
  const [location] = useLocation();
  if (!breakdown) return null;
  const estimated = breakdown.parts.some((part) => part.estimated);
  const unsplit = breakdown.parts.some(
    ({ part }) => part === 'inAll' || part === 'queuedOrWorking',
  );
  return (
    <TaskRow term="Time in status">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {breakdown.parts.map(({ part, ms, estimated: guess }) => (
          <li key={part}>
            {PART_LABELS[part]}{' '}
            <span className="tabular-nums">
              {guess ? <abbr title="estimated">≈ </abbr> : null}
              {figure(ms, live)}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted">
        {breakdown.basis === 'feed'
          ? 'From the API’s timestamps and the trace’s step times'
          : 'From the API’s timestamps'}
        {estimated ? '; ≈ estimated where the API does not say exactly' : ''}
        {unsplit ? (
          <>
            . They do not say how it split;{' '}
            <Link
              href={`${location}?tab=trace`}
              className="text-accent underline underline-offset-2"
            >
              the Trace’s step times do
            </Link>
          </>
        ) : null}
        .
      </p>
    </TaskRow>
  );
}
