/** The Trace tab, from `GET /tasks/{id}/result`: with `Live` on, re-read as the task changes, at
 *  most every 2 s (decision 0008); `Live` off keeps it still. Data before error before loading;
 *  a stopped task passes on its stop time. */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { taskQueries } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import { taskStopTime } from '@/entities/task/stop-time';
import { cn } from '@/lib/cn';
import { normalizeFeed, parseTime } from './normalize';
import { TraceView } from './trace-view';

export function TraceTab({ taskId, task }: Pick<TaskTabProps, 'taskId' | 'task'>) {
  const finished = isTerminal(task.status);
  const [live, setLive] = useState(true);
  const result = useQuery(taskQueries.result(taskId, { follow: live }));
  // The feed read is older than the task's last change (a re-read is due, or paused).
  const behind = result.isStale && result.data !== undefined;

  const start = parseTime(task.created_at);
  const feed = useMemo(
    () => (result.data ? normalizeFeed(result.data.feed, start) : undefined),
    [result.data, start],
  );

  // A stopped task: when it stopped, so steps that landed later are set apart.
  const stoppedAt = task.status === 'stopped' ? parseTime(taskStopTime(taskId, task)) : undefined;

  const liveControl =
    finished && live && !behind ? null : (
      <span className="inline-flex items-center gap-2 text-sm">
        <button
          type="button"
          role="switch"
          aria-checked={live}
          onClick={() => setLive(!live)}
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
            : behind
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
          stoppedAt={stoppedAt}
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
