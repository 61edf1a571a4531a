/**
 * When a task was created and last changed, how long it has taken, and where that time went
 * (queued, working, waiting on you) — rows of the task header's description list.
 *
 * Times are relative ("3 minutes ago", easy to scan) with the exact time on hover and in
 * `dateTime`. The duration ticks while the task is live and stops at its last update once it has
 * ended (read as the list's rows read it, `task-duration.ts`). The breakdown comes from the
 * status changes this browser observed (`transitions-store.ts`), and says so when it starts late
 * rather than pretend to know the time before.
 */
import { useSyncExternalStore, type ReactNode } from 'react';
import type { CachedTask } from '@/entities/task/cache';
import { isTerminal } from '@/entities/task/status';
import { formatDuration } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { Duration, RelativeTime } from './task-times';
import { timeInStatus, type Transition } from './time-in-status';
import { subscribeTransitions, transitionsOf } from './transitions-store';

function epoch(value: string | undefined): number | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export function TaskRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted">{term}</dt>
      <dd className="min-w-0 text-text [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

export function TaskTiming({ task }: { task: CachedTask }) {
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
          <Duration task={task} />
        </span>
      </TaskRow>
      <TimeInStatusRow task={task} />
    </>
  );
}

/** Ticks on its own while the task is live; fixed once it has ended. */
function TimeInStatusRow({ task }: { task: CachedTask }) {
  const ticking = useNow(1000);
  const now = isTerminal(task.status) ? 0 : ticking;
  const history: readonly Transition[] = useSyncExternalStore(subscribeTransitions, () =>
    transitionsOf(task.task_id),
  );
  const breakdown = timeInStatus(history, now, epoch(task.created_at));
  // Nothing observed, or first seen already finished: there is no breakdown to give.
  if (breakdown.total === 0 && (history.length === 0 || isTerminal(history.at(-1)?.status))) {
    return null;
  }
  const parts: Array<[string, number]> = [
    ['Queued', breakdown.queued],
    ['Working', breakdown.working],
    ['Waiting on you', breakdown.waitingOnYou],
  ];
  if (breakdown.other > 0) parts.push(['Other', breakdown.other]);
  return (
    <TaskRow term="Time in status">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {parts.map(([label, ms]) => (
          <li key={label}>
            {label} <span className="tabular-nums">{ms === 0 ? '0 s' : formatDuration(ms)}</span>
          </li>
        ))}
      </ul>
      {breakdown.sinceFirstObserved ? (
        <p className="text-xs text-muted">Counted since you opened it</p>
      ) : null}
    </TaskRow>
  );
}
