/** What the task list shows instead of or around its rows: column titles, a row-shaped skeleton,
 *  the two empty states (none at all; none matching, naming the filters) and the stale note. */
import { Link } from 'wouter';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { formatClockTime } from '@/lib/format';
import { FULL_ROW_GRID, ROW_HEIGHT } from './task-row';

const COLUMNS = ['Task', 'Agent', 'Status', 'Created', 'Duration', 'Updated'] as const;
/** Shown only where the rows have room for them too (see `FULL_ROW_GRID`). */
const WIDE_ONLY: ReadonlySet<string> = new Set(['Agent', 'Duration', 'Updated']);
const NOT_ON_PHONES: ReadonlySet<string> = new Set(['Created']);

/** Column titles over full-width rows. Hidden from assistive technology: each row names its
 *  own cells ("Agent: …"), since a `list` has no column headers to point at. */
export function TaskListHeader() {
  return (
    <div
      aria-hidden="true"
      className={cn(FULL_ROW_GRID, 'border-b border-border py-2 text-xs font-medium text-muted')}
    >
      <span />
      {COLUMNS.map((column) => (
        <span
          key={column}
          className={cn(
            WIDE_ONLY.has(column) && 'hidden md:block',
            NOT_ON_PHONES.has(column) && 'hidden sm:block',
          )}
        >
          {column}
        </span>
      ))}
    </div>
  );
}

export function TaskListSkeleton({ compact, rows = 8 }: { compact: boolean; rows?: number }) {
  return (
    <div aria-busy="true" className="divide-y divide-border">
      <p className="sr-only">Loading tasks…</p>
      {Array.from({ length: rows }, (_, index) => (
        <div
          key={index}
          className="flex items-center gap-3 px-3"
          style={{ height: compact ? ROW_HEIGHT.compact : ROW_HEIGHT.full }}
        >
          <Skeleton className="h-4 flex-1" />
          {compact ? null : <Skeleton className="hidden h-4 w-28 md:block" />}
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-4 w-20" />
        </div>
      ))}
    </div>
  );
}

export function NoTasksYet() {
  return (
    <div className="space-y-2 px-4 py-10 text-center text-sm">
      <p className="font-medium text-text">No tasks yet</p>
      <p className="text-muted">
        Tasks you and others run with your agents show up here.{' '}
        <Link
          href="/"
          className="font-medium text-accent underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
        >
          Start a run
        </Link>
      </p>
    </div>
  );
}

export function NoMatchingTasks({
  description,
  onClear,
}: {
  /** The active filters in words (`describeTaskFilters`). */
  description: string;
  onClear: () => void;
}) {
  return (
    <div className="space-y-3 px-4 py-10 text-center text-sm">
      <p className="text-text">
        No tasks match <span className="font-medium">{description || 'these filters'}</span>
      </p>
      <Button size="sm" onClick={onClear}>
        Show all tasks
      </Button>
    </div>
  );
}

/** The rows stay; this says since when they may be out of date, and offers to try again. Shown
 *  exactly while the banner is (the one connection state). */
export function StaleNote({
  asOf,
  offline,
  onRetry,
}: {
  asOf: number;
  offline: boolean;
  onRetry: () => void;
}) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-2 border-b border-warning/40 bg-warning/5 px-3 py-1.5 text-xs text-text"
    >
      <span>
        {offline ? 'Offline' : 'Couldn’t refresh the list'}: showing it as of{' '}
        <time dateTime={new Date(asOf).toISOString()}>{formatClockTime(asOf)}</time>.
      </span>
      <Button size="sm" variant="ghost" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}
