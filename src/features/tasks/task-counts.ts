/** How many tasks have each status, counted from what the list has read (no request of its own):
 *  exact only where a read reached the end (else `12+`), unknown where no read covered it. */
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { TASK_STATUSES, type TaskPage, type TaskStatus } from '@/api/schemas';
import { readTask } from '@/entities/task/cache';
import type { TaskListFilters } from '@/entities/task/filters';
import { taskKeys } from '@/entities/task/keys';
import type { Arrivals } from './tasks-queries';

/** One read the counts draw on. */
export interface CountSource {
  /** The tasks it brought, each with the status it had then. */
  tasks: readonly { taskId: string; status: string | undefined }[];
  /** The statuses it was asked for; empty means all. */
  statuses: readonly string[];
  /** It was read to its end: every task of those statuses is in it. */
  complete: boolean;
}

export interface Count {
  count: number;
  /** Exact; otherwise more may exist than were read (`12+`). */
  complete: boolean;
}

export interface StatusCounts {
  /** Per status; null when no read covered the status, so nothing is known. */
  byStatus: Record<TaskStatus, Count | null>;
  /** The tasks the list shows (its statuses, or all). */
  total: Count;
  /** How many distinct tasks the counts were made from. */
  read: number;
}

/**
 * Counts each task once, by its current status (`statusOf`, e.g. the cache the live refresh
 * keeps), falling back to the status its read gave. `keep` drops tasks the list narrows away.
 */
export function countStatuses(
  sources: readonly CountSource[],
  shown: readonly string[],
  statusOf: (taskId: string) => string | undefined = () => undefined,
  keep: (taskId: string) => boolean = () => true,
): StatusCounts {
  const statusById = new Map<string, string | undefined>();
  for (const source of sources) {
    for (const task of source.tasks) {
      if (statusById.has(task.taskId) || !keep(task.taskId)) continue;
      statusById.set(task.taskId, statusOf(task.taskId) ?? task.status);
    }
  }
  const covers = (source: CountSource, status: string) =>
    source.statuses.length === 0 || source.statuses.includes(status);
  const tally = new Map<string, number>();
  for (const status of statusById.values()) {
    tally.set(status ?? '', (tally.get(status ?? '') ?? 0) + 1);
  }
  const byStatus = Object.fromEntries(
    TASK_STATUSES.map((status) => {
      const covering = sources.filter((source) => covers(source, status));
      const count: Count | null =
        covering.length === 0
          ? null
          : { count: tally.get(status) ?? 0, complete: covering.some((s) => s.complete) };
      return [status, count];
    }),
  ) as Record<TaskStatus, Count | null>;

  const inShown = (status: string | undefined) =>
    shown.length === 0 || shown.includes(status ?? '');
  const shownCount = [...statusById.values()].filter(inShown).length;
  const shownComplete = sources.some(
    (source) => source.complete && shown.every((status) => covers(source, status)),
  );
  return { byStatus, total: { count: shownCount, complete: shownComplete }, read: statusById.size };
}

/** `12`, or `12+` when more may exist. */
export function formatCount(count: Count): string {
  return `${count.count}${count.complete ? '' : '+'}`;
}

/** A list's reads (pages and arrivals) as one source, or undefined when it was never read. */
function sourceOf(queryClient: QueryClient, filters: TaskListFilters): CountSource | undefined {
  const list = queryClient.getQueryData<InfiniteData<TaskPage>>(taskKeys.list(filters));
  if (!list) return undefined;
  const arrivals = queryClient.getQueryData<Arrivals>(taskKeys.arrivals(filters));
  const tasks = [
    ...(arrivals?.ids ?? []).map((taskId) => ({ taskId, status: undefined })),
    ...list.pages.flatMap((page) =>
      page.data.map((task) => ({ taskId: task.task_id, status: task.status })),
    ),
  ];
  const last = list.pages.at(-1);
  return { tasks, statuses: filters.statuses, complete: last !== undefined && !last.has_more };
}

/** How often, at most, the counts follow the cache (it changes with every read). */
const RECOUNT_MS = 500;

/**
 * The counts for a list's filters (as resolved for the list): its own reads, and — when it is
 * narrowed by status — the reads of the same list without that narrowing, if it was read.
 */
export function useStatusCounts(filters: TaskListFilters): StatusCounts {
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        setVersion((n) => n + 1);
      }, RECOUNT_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [queryClient]);

  return useMemo(() => {
    void version;
    const own = sourceOf(queryClient, filters);
    const unnarrowed =
      filters.statuses.length > 0 ? sourceOf(queryClient, { ...filters, statuses: [] }) : undefined;
    const sources = [own, unnarrowed].filter((source) => source !== undefined);
    const agentIds = filters.agentIds;
    return countStatuses(
      sources,
      filters.statuses,
      (taskId) => readTask(queryClient, taskId)?.status,
      agentIds
        ? (taskId) => agentIds.includes(readTask(queryClient, taskId)?.agent_id ?? '')
        : undefined,
    );
  }, [queryClient, filters, version]);
}
