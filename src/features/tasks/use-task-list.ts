/** The task list's rows for the current filters: pages read as the person scrolls, tasks that
 *  arrived since it opened, tasks started here, in one order, each once. Each row reads its state
 *  from the task cache (kept by the live refresh, task pages and every other read). */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent } from 'react';
import { pagingStalled } from '@/api/paging';
import type { UnreadableItem } from '@/api/schemas';
import { readTask, type CachedTask } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { recentTaskIds, taskInputsOf } from '@/lib/task-inputs';
import { orderRows } from './list-order';
import { NO_ARRIVALS, taskListQueries, type TaskListFilters } from './tasks-queries';

/** Rows a list narrowed here (every version of one agent) keeps reading for until it has this
 *  many, so an agent with few tasks among many does not show an empty list with more to read. */
const NARROWED_MIN_ROWS = 30;

/** The list is read without `agent_id` and narrowed here to these versions. */
function inAgents(agentId: string | undefined, filters: TaskListFilters): boolean {
  return !filters.agentIds || filters.agentIds.includes(agentId ?? '');
}

function matchesFilters(task: CachedTask, filters: TaskListFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(task.status ?? '')) return false;
  if (filters.agentId && task.agent_id !== filters.agentId) return false;
  if (!inAgents(task.agent_id, filters)) return false;
  if (filters.q) {
    const title = (task.title ?? taskInputsOf(task.task_id)?.query ?? '').toLowerCase();
    if (!title.includes(filters.q.toLowerCase())) return false;
  }
  const created = task.created_at ?? '';
  if (filters.createdAfter && created < filters.createdAfter) return false;
  if (filters.createdBefore && created > filters.createdBefore) return false;
  return true;
}

function epoch(value: string | undefined): number | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export interface TaskListRows {
  /** Task ids in list order, newest first, each once. */
  ids: string[];
  unreadable: UnreadableItem[];
  isPending: boolean;
  /** The first page could not be read. */
  error: Error | null;
  /** A later page could not be read. */
  moreError: Error | null;
  /** The last re-read of the first page failed (the rows may miss new tasks). */
  refreshFailed: boolean;
  /** When the rows were last confirmed by the server (epoch ms). */
  dataUpdatedAt: number;
  hasMore: boolean;
  /** The server kept returning the same page: paging stopped, and the list says so. */
  stalled: boolean;
  /** More tasks arrived at once than can be folded in: the list wants reading anew. */
  overflow: boolean;
  isFetchingMore: boolean;
  loadMore: () => void;
  /** Reads again what failed (the first page, the next page, the re-read). */
  retry: () => void;
  /** Reads the list anew from its first page. */
  reload: () => void;
}

export function useTaskList(filters: TaskListFilters): TaskListRows {
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(taskListQueries.list(filters));
  const arrivals = useQuery({
    ...taskListQueries.arrivals(filters),
    enabled: list.isSuccess,
  });

  const pages = list.data?.pages ?? [];
  const hasMore = list.hasNextPage;
  const local = recentTaskIds().filter((taskId) => {
    const task = readTask(queryClient, taskId);
    return task !== undefined && matchesFilters(task, filters);
  });
  const arrived = arrivals.data ?? NO_ARRIVALS;
  const ids = list.data
    ? orderRows(
        {
          arrivals: arrived.ids.filter((taskId) =>
            inAgents(readTask(queryClient, taskId)?.agent_id, filters),
          ),
          pages: pages.flatMap((page) =>
            page.data.filter((task) => inAgents(task.agent_id, filters)).map((t) => t.task_id),
          ),
          local,
          hasMore,
        },
        (taskId) => epoch(readTask(queryClient, taskId)?.created_at),
      )
    : [];
  const listedProblems = new Set(
    pages.flatMap((page) => page.unreadable.map((u) => JSON.stringify(u.raw))),
  );
  const unreadable = [
    ...pages.flatMap((page) => page.unreadable),
    ...arrived.unreadable.filter((item) => !listedProblems.has(JSON.stringify(item.raw))),
  ];
  const stalled =
    list.data !== undefined && pagingStalled(list.data, (task) => task.task_id) !== undefined;

  const firstFailed = list.isError && pages.length === 0;
  // A narrowed list reads on by itself up to NARROWED_MIN_ROWS: with no rows yet it shows the
  // skeleton, and the rows' own near-the-end asking never starts.
  const narrowedShort =
    filters.agentIds !== undefined &&
    list.hasNextPage &&
    !stalled &&
    !list.isFetching &&
    !list.isFetchNextPageError &&
    ids.length < NARROWED_MIN_ROWS;
  const readOn = useEffectEvent(() => void list.fetchNextPage({ cancelRefetch: false }));
  useEffect(() => {
    if (narrowedShort) readOn();
  }, [narrowedShort, pages.length]);
  return {
    ids,
    unreadable,
    // A narrowed list with no rows yet is still looking for them.
    isPending: list.isPending || (narrowedShort && ids.length === 0),
    error: firstFailed ? list.error : null,
    moreError: !firstFailed && list.isFetchNextPageError ? list.error : null,
    refreshFailed: arrivals.isError,
    dataUpdatedAt: Math.max(list.dataUpdatedAt, arrivals.dataUpdatedAt),
    hasMore: hasMore && !stalled,
    stalled,
    overflow: arrived.overflow,
    isFetchingMore: list.isFetchingNextPage,
    // A second ask while a page is on its way (an effect run twice) joins it, never restarts it.
    loadMore: () => {
      if (list.hasNextPage) void list.fetchNextPage({ cancelRefetch: false });
    },
    retry: () => {
      if (firstFailed) void list.refetch();
      else if (list.isFetchNextPageError) void list.fetchNextPage({ cancelRefetch: false });
      if (arrivals.isError) void arrivals.refetch();
    },
    reload: () => {
      void queryClient.resetQueries({ queryKey: taskKeys.list(filters) });
    },
  };
}
