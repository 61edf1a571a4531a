/** The task list for the current filters, newest first, read page by page as the person scrolls:
 *  full width on `/tasks` with bulk actions, `compact` beside a task. Data before error before
 *  loading: rows stay when a refresh fails. */
import { STALLED_PAGING_MESSAGE } from '@/api/paging';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Button } from '@/components/ui/button';
import { useLiveDemand } from '@/entities/task/hooks';
import { useMemo, useReducer, useState } from 'react';
import { cn } from '@/lib/cn';
import { useConnection } from '@/lib/use-connection';
import {
  describeTaskFilters,
  hasListFilters,
  resolveAgentFilter,
  type AgentName,
} from './task-filter-params';
import { TaskListBulkBar } from './task-list-bulk';
import {
  NoMatchingTasks,
  NoTasksYet,
  StaleNote,
  TaskListHeader,
  TaskListSkeleton,
} from './task-list-states';
import { TaskListRows } from './task-list-rows';
import type { TaskListFilters } from './tasks-queries';
import { useTaskFilters } from './use-task-filters';
import { useTaskList } from './use-task-list';

export interface TaskListProps {
  filters: TaskListFilters;
  /** The task shown beside the list, if any. */
  activeTaskId?: string | undefined;
  /** Narrow side pane: two-line rows with fewer columns, filling the pane's height. */
  compact?: boolean | undefined;
  /** Agent names, so the empty state can say "Agent: Invoice Extractor" rather than an id. */
  agents?: readonly AgentName[] | undefined;
  /** Clears every filter; by default the URL's filters (`useTaskFilters().clearAll`). */
  onClearFilters?: (() => void) | undefined;
  /** Appended to each row's `/tasks/<id>` link, e.g. `useTaskFilters().search` so the list
   *  beside the task keeps its filters. Empty by default. */
  linkSearch?: string | undefined;
  className?: string | undefined;
}

export function TaskList({
  filters,
  activeTaskId,
  compact = false,
  agents,
  onClearFilters,
  linkSearch = '',
  className,
}: TaskListProps) {
  // The URL's agent may name a whole agent: read its versions (`resolveAgentFilter`).
  const readFilters = useMemo(() => resolveAgentFilter(filters, agents ?? []), [filters, agents]);
  const rows = useTaskList(readFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  // Runs started from the bar join the rows on the next render (`useTaskList` reads them).
  const [, showStarted] = useReducer((n: number) => n + 1, 0);
  useLiveDemand(rows.ids);
  const connection = useConnection();
  const { clearAll } = useTaskFilters();
  const total = rows.ids.length + rows.unreadable.length;

  let body;
  if (total === 0) {
    if (rows.isPending) body = <TaskListSkeleton compact={compact} />;
    else if (rows.error) {
      body = (
        <ApiErrorAlert
          title="Couldn’t load tasks"
          error={rows.error}
          onRetry={rows.retry}
          className="m-3"
        />
      );
    } else if (hasListFilters(filters)) {
      body = (
        <NoMatchingTasks
          description={describeTaskFilters(filters, agents)}
          onClear={onClearFilters ?? clearAll}
        />
      );
    } else body = <NoTasksYet />;
  } else {
    const footer = rows.isFetchingMore ? (
      <p role="status" className="px-3 py-3 text-center text-xs text-muted">
        Loading more…
      </p>
    ) : rows.stalled ? (
      <p role="status" className="px-3 py-3 text-center text-xs text-warning">
        {STALLED_PAGING_MESSAGE}
      </p>
    ) : rows.moreError ? (
      <ApiErrorAlert
        title="Couldn’t load more tasks"
        error={rows.moreError}
        onRetry={rows.retry}
        className="m-3"
      />
    ) : null;
    body = (
      <>
        {connection.troubled ? (
          <StaleNote asOf={rows.dataUpdatedAt} offline={connection.offline} onRetry={rows.retry} />
        ) : null}
        {rows.overflow ? (
          <div
            role="status"
            className="flex flex-wrap items-center gap-2 border-b border-border bg-accent/5 px-3 py-1.5 text-xs"
          >
            <span>More tasks arrived than the list can fold in.</span>
            <Button size="sm" variant="ghost" onClick={rows.reload}>
              Show the newest
            </Button>
          </div>
        ) : null}
        {compact ? null : (
          <>
            <TaskListBulkBar
              ids={rows.ids}
              selected={selected}
              onSelectedChange={setSelected}
              onStarted={showStarted}
            />
            <TaskListHeader />
          </>
        )}
        <TaskListRows
          // Row heights differ between the layouts: a new virtualizer rather than re-measuring.
          key={compact ? 'compact' : 'full'}
          ids={rows.ids}
          unreadable={rows.unreadable}
          hasMore={rows.hasMore}
          onNearEnd={rows.loadMore}
          paused={rows.isFetchingMore || rows.moreError !== null}
          hrefOf={(taskId) => `/tasks/${encodeURIComponent(taskId)}${linkSearch}`}
          activeTaskId={activeTaskId}
          compact={compact}
          selected={compact ? undefined : selected}
          onSelect={
            compact
              ? undefined
              : (taskId, on) =>
                  setSelected((was) => {
                    const next = new Set(was);
                    if (on) next.add(taskId);
                    else next.delete(taskId);
                    return next;
                  })
          }
          footer={footer}
          className={compact ? 'min-h-0 flex-1' : 'max-h-[70vh]'}
        />
      </>
    );
  }

  return (
    <div
      className={cn(
        'overflow-hidden rounded-lg border border-border bg-surface',
        compact && 'flex max-h-[calc(100dvh-8rem)] min-h-0 flex-col',
        className,
      )}
    >
      {body}
    </div>
  );
}
