/** Rows of the task header: created, last changed, how long it took and where the time went
 *  (`time-in-status.ts`), relative with the exact time on hover. No read of its own: it uses what
 *  the page's other views fetched. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { CachedTask } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { taskQueries } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import { formatDuration } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { Duration, RelativeTime } from '@/entities/task/task-times';
import {
  completedAtOf,
  epochOf,
  feedTimes,
  timeInStatus,
  type ServerTimes,
  type StatusPart,
  type StatusTime,
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

/** What the API said about the task's times: its own fields, and the trace where a view has read
 *  it since the task last changed. Reads nothing itself. */
function useServerTimes(task: CachedTask): ServerTimes {
  const queryClient = useQueryClient();
  const taskId = task.task_id;
  const result = useQuery({ ...taskQueries.result(taskId, { follow: false }), enabled: false });
  const current = !queryClient.getQueryState(taskKeys.result(taskId))?.isInvalidated;
  const feed = result.data && current ? result.data.feed : undefined;
  const times = useMemo(() => (feed ? feedTimes(feed) : undefined), [feed]);
  return {
    status: task.status,
    createdAt: epochOf(task.created_at),
    updatedAt: epochOf(task.updated_at),
    completedAt: completedAtOf(task),
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

function Parts({ label, parts, live }: { label: string; parts: StatusTime[]; live: boolean }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1">
      {parts.map(({ part, ms, estimated }) => (
        <li key={part}>
          {PART_LABELS[part]}{' '}
          <span className="tabular-nums">
            {estimated ? <abbr title="estimated">≈ </abbr> : null}
            {figure(ms, live)}
          </span>
        </li>
      ))}
    </ul>
  );
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
  const { parts, split } = breakdown;
  const estimated = [...parts, ...(split ?? [])].some((part) => part.estimated);
  const unsplit = parts.some(({ part }) => part === 'inAll' || part === 'queuedOrWorking');
  return (
    <TaskRow term="Time in status">
      <Parts label="From the task’s timestamps" parts={parts} live={live} />
      {split ? (
        <div className="mt-1">
          <p className="text-xs text-muted">Split by the trace’s step times:</p>
          <Parts label="Split by the trace’s step times" parts={split} live={live} />
        </div>
      ) : null}
      <p className="text-xs text-muted">
        From the API’s timestamps
        {split ? ' and the trace' : ''}, the same in every browser
        {estimated ? '; ≈ estimated where the API does not say exactly' : ''}
        {unsplit && !split ? (
          <>
            . How it split is in{' '}
            <Link
              href={`${location}?tab=trace`}
              className="text-accent underline underline-offset-2"
            >
              the Trace’s step times
            </Link>
          </>
        ) : null}
        .
      </p>
    </TaskRow>
  );
}
