/**
 * The Trace tab: every step of the agent's work, read from `GET /tasks/{id}/result`.
 *
 * The feed is read when the tab opens and then only when the task's own poller sees the task
 * change (its status or `updated_at`), at most every 2 s — never on a timer of its own — and a
 * finished task's feed is read once and kept (decision 0008). The `Live` switch pauses those
 * re-reads, so a person can study a moving trace without it moving.
 *
 * Data before error before loading: a trace on screen stays there when a re-read fails (with a
 * note and Retry); without one, a failed read shows the server's message and Retry.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { isFinished, taskVersion } from '@/api/results';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { useThrottledValue } from '@/lib/use-throttled-value';
import type { TaskListItem } from '@/api/schemas';
import { normalizeFeed, parseTime } from './normalize';
import { traceQueries } from './trace-queries';
import { TraceView } from './trace-view';

/** At most one re-read of a live task's feed per this many ms. */
export const LIVE_REFRESH_MS = 2_000;

export interface TraceTabProps {
  taskId: string;
  task: TaskListItem;
}

export function TraceTab({ taskId, task }: TraceTabProps) {
  const version = taskVersion(task);
  const finished = isFinished(task.status);
  const throttled = useThrottledValue(version, LIVE_REFRESH_MS);
  const [pausedAt, setPausedAt] = useState<string | undefined>();
  const wanted = finished ? version : throttled;
  const read = pausedAt ?? wanted;
  const readFinished = isFinished(read.split('|')[0]);
  const result = useQuery(traceQueries.result(taskId, read, readFinished));

  const start = parseTime(task.created_at);
  const feed = useMemo(
    () => (result.data ? normalizeFeed(result.data.feed, start) : undefined),
    [result.data, start],
  );

  const live = pausedAt === undefined;
  const liveControl =
    finished && live && readFinished ? null : (
      <span className="inline-flex items-center gap-2 text-sm">
        <button
          type="button"
          role="switch"
          aria-checked={live}
          onClick={() => setPausedAt(live ? read : undefined)}
          className={cn(
            'inline-flex h-7 items-center gap-1.5 rounded-full border px-3 text-sm font-medium',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
            live
              ? 'border-success/40 bg-success/10 text-success'
              : 'border-border bg-surface text-muted',
          )}
        >
          <span
            aria-hidden="true"
            className={cn('size-2 rounded-full', live ? 'bg-success' : 'bg-border')}
          />
          Live
        </button>
        <span className="text-muted">
          {live
            ? 'Updates as the task changes.'
            : pausedAt !== wanted
              ? 'Paused: the task has moved on since. Turn Live on to catch up.'
              : 'Paused.'}
        </span>
      </span>
    );

  if (result.data && feed) {
    return (
      <div className="space-y-3">
        {result.isError ? (
          <ApiErrorAlert
            title="The trace could not be refreshed; showing the last one read"
            error={result.error}
            onRetry={() => void result.refetch()}
            retrying={result.isFetching}
          />
        ) : null}
        <TraceView
          taskId={taskId}
          task={task}
          result={result.data}
          feed={feed}
          liveControl={liveControl}
        />
      </div>
    );
  }
  if (result.isError) {
    return (
      <ApiErrorAlert
        title="The trace could not be loaded"
        error={result.error}
        onRetry={() => void result.refetch()}
        retrying={result.isFetching}
      />
    );
  }
  return (
    <div aria-busy="true" className="space-y-2">
      <p className="sr-only">Loading the trace…</p>
      <Skeleton className="h-5 w-full" />
      <Skeleton className="h-9 w-2/3" />
      {Array.from({ length: 5 }, (_, index) => (
        <Skeleton key={index} className="h-16 w-full" />
      ))}
    </div>
  );
}
