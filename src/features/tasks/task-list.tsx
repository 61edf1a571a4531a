/**
 * The task list: every task for the current filters, newest first, live rows kept current by
 * one request (`useLiveRefresh`), more pages read as the person scrolls. Shown full width on
 * `/tasks` and narrow (`compact`) beside a task on wide screens, where the task on view is
 * marked `aria-current="page"`.
 *
 * Data before error before loading: rows on screen stay on screen when a refresh fails, with a
 * note saying since when they may be stale; only a list with nothing to show gives its place to
 * the error (with Retry) or the skeleton.
 */
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { STALLED_PAGING_MESSAGE } from '@/api/paging';
import type { TaskPage } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { cn } from '@/lib/cn';
import { describeTaskFilters, hasListFilters, type AgentName } from './task-filter-params';
import {
  NoMatchingTasks,
  NoTasksYet,
  StaleNote,
  TaskListHeader,
  TaskListSkeleton,
} from './task-list-states';
import { TaskListRows } from './task-list-rows';
import { taskKeys, type TaskListFilters } from './tasks-queries';
import { useLiveRefresh, useTaskList } from './use-task-list';
import { useTaskFilters } from './use-task-filters';

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
  const rows = useTaskList(filters);
  useLiveRefresh(rows.ids);
  const queryClient = useQueryClient();
  const { clearAll } = useTaskFilters();
  const total = rows.ids.length + rows.unreadable.length;
  // `rows.error` is the first page's or a later page's: they are told apart to say the right
  // thing in the right place (a stale list at the top, a missing page at the bottom).
  const firstPageFailed =
    rows.error !== null && queryClient.getQueryState(taskKeys.head(filters))?.status === 'error';

  const retry = () => {
    rows.refetch();
    // A later page that failed: ask for it again. One that failed before any of it arrived has
    // no "next page" to ask for, so it is read again from its start.
    const failedTails = queryClient.getQueryCache().findAll({
      queryKey: [...taskKeys.list(filters), 'tail'],
      predicate: (query) => query.state.status === 'error',
    });
    for (const query of failedTails) {
      if ((query.state.data as InfiniteData<TaskPage> | undefined)?.pages.length) rows.loadMore();
      else void queryClient.refetchQueries({ queryKey: query.queryKey, exact: true });
    }
  };

  let body;
  if (total === 0) {
    if (rows.isPending) body = <TaskListSkeleton compact={compact} />;
    else if (rows.error) {
      body = (
        <ApiErrorAlert
          title="Couldn’t load tasks"
          error={rows.error}
          onRetry={retry}
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
    ) : rows.error && !firstPageFailed ? (
      <ApiErrorAlert
        title="Couldn’t load more tasks"
        error={rows.error}
        onRetry={retry}
        className="m-3"
      />
    ) : null;
    body = (
      <>
        {firstPageFailed && rows.dataUpdatedAt === 0 ? (
          <ApiErrorAlert
            title="Couldn’t load tasks"
            error={rows.error}
            onRetry={retry}
            className="m-3"
          />
        ) : firstPageFailed ? (
          <StaleNote asOf={rows.dataUpdatedAt} onRetry={retry} />
        ) : null}
        {compact ? null : <TaskListHeader />}
        <TaskListRows
          // Row heights differ between the layouts: a new virtualizer rather than re-measuring.
          key={compact ? 'compact' : 'full'}
          ids={rows.ids}
          unreadable={rows.unreadable}
          hasMore={rows.hasMore}
          onNearEnd={rows.loadMore}
          paused={rows.isFetchingMore || rows.error !== null}
          hrefOf={(taskId) => `/tasks/${encodeURIComponent(taskId)}${linkSearch}`}
          activeTaskId={activeTaskId}
          compact={compact}
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
