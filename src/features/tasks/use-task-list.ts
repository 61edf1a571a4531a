/**
 * The data side of the task list: the rows to show for the current filters, page after page, and
 * the one live refresh that keeps their statuses current.
 *
 * - The first page (`head`) is re-read every 15 s while the list is mounted and the tab visible,
 *   so tasks started in another tab or by a script appear without a reload. The pages after it
 *   (`tail`) continue from the cursor the first page gave when the list opened, are read as the
 *   person scrolls, and never again.
 * - Tasks this browser started lately are merged in at once (the run response already put them
 *   in the cache), so a new task is listed before any list read includes it.
 * - The live refresh (`live`) polls only while a live task is on screen that no task page polls;
 *   rows read their state from the task cache, which every read updates.
 * - A row the API sent but the console cannot read is kept, shown as such.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { pagingStalled } from '@/api/paging';
import type { UnreadableItem } from '@/api/schemas';
import { taskInputsOf, recentTaskIds } from '@/lib/task-inputs';
import { isTerminal, type PollSubject } from './polling-policy';
import { readTask, type CachedTask } from './task-cache';
import { pollSubject, taskQueries, type TaskListFilters } from './tasks-queries';
import { isWatched } from './watch-registry';

/** Where the list continues after its first page, per filter set, fixed when first read. */
const anchors = new Map<string, string | null>();

function matchesFilters(task: CachedTask, filters: TaskListFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(task.status ?? '')) return false;
  if (filters.agentId && task.agent_id !== filters.agentId) return false;
  if (filters.q) {
    const title = (task.title ?? taskInputsOf(task.task_id)?.query ?? '').toLowerCase();
    if (!title.includes(filters.q.toLowerCase())) return false;
  }
  const created = task.created_at ?? '';
  if (filters.createdAfter && created < filters.createdAfter) return false;
  if (filters.createdBefore && created > filters.createdBefore) return false;
  return true;
}

export interface TaskListRows {
  /** Task ids in list order, newest first, each once. */
  ids: string[];
  unreadable: UnreadableItem[];
  isPending: boolean;
  error: Error | null;
  /** When the rows on screen were last confirmed by the server (epoch ms). */
  dataUpdatedAt: number;
  hasMore: boolean;
  /** The server kept returning the same page (a cursor that repeats, a page with nothing new):
   *  paging stopped, and the list says so. */
  stalled: boolean;
  isFetchingMore: boolean;
  loadMore: () => void;
  refetch: () => void;
}

export function useTaskList(filters: TaskListFilters): TaskListRows {
  const queryClient = useQueryClient();
  const head = useQuery(taskQueries.head(filters));
  const filtersKey = JSON.stringify(filters);
  if (head.data && !anchors.has(filtersKey)) {
    anchors.set(filtersKey, head.data.has_more ? (head.data.next_cursor ?? null) : null);
  }
  const anchor = anchors.get(filtersKey) ?? null;
  const [wantsMore, setWantsMore] = useState(false);
  const tail = useInfiniteQuery({
    ...taskQueries.tail(filters, anchor ?? ''),
    enabled: anchor !== null && wantsMore,
  });

  const seen = new Set<string>();
  const ids: string[] = [];
  const add = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  // Started here and not listed yet: first, newest first, when the filters would show them.
  for (const id of recentTaskIds()) {
    const task = readTask(queryClient, id);
    if (task && matchesFilters(task, filters) && !head.data?.data.some((t) => t.task_id === id)) {
      add(id);
    }
  }
  for (const task of head.data?.data ?? []) add(task.task_id);
  for (const page of tail.data?.pages ?? []) for (const task of page.data) add(task.task_id);
  const unreadable = [
    ...(head.data?.unreadable ?? []),
    ...(tail.data?.pages.flatMap((page) => page.unreadable) ?? []),
  ];

  // The first page counts too: a tail that starts by repeating it brings nothing new.
  const stalled =
    head.data !== undefined &&
    tail.data !== undefined &&
    pagingStalled(
      { pages: [head.data, ...tail.data.pages], pageParams: [undefined, ...tail.data.pageParams] },
      (task) => task.task_id,
    ) !== undefined;
  const hasMore = anchor !== null && !stalled && (!wantsMore || tail.isPending || tail.hasNextPage);
  return {
    ids,
    unreadable,
    isPending: head.isPending,
    error: head.error ?? tail.error,
    dataUpdatedAt: head.dataUpdatedAt,
    hasMore,
    stalled,
    isFetchingMore: tail.isFetching,
    loadMore: () => {
      if (!wantsMore) setWantsMore(true);
      else if (tail.hasNextPage && !tail.isFetching) void tail.fetchNextPage();
    },
    refetch: () => void head.refetch(),
  };
}

/**
 * Keeps the live tasks among `ids` current with one request per tick (see `taskQueries.live`).
 * Returns the live refresh's own data: every live task, listed or not (for `Needs you`).
 */
export function useLiveRefresh(ids: readonly string[]): CachedTask[] {
  const queryClient = useQueryClient();
  const subjects = (): PollSubject[] =>
    ids
      .filter((id) => !isWatched(id))
      .map((id) => readTask(queryClient, id))
      .filter((task): task is CachedTask => task !== undefined && !isTerminal(task.status))
      .map(pollSubject);
  const live = useQuery(taskQueries.live(subjects));
  return live.data?.data ?? [];
}
