/** A task list's reads per filter set: its pages (`list`, each read once) and the re-reads of its
 *  first page that bring the tasks created since (`arrivals`, every 15 s while the list is shown in
 *  a visible tab). Both write every task they read into its cache entry. */
import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { nextCursor } from '@/api/paging';
import type { TaskPage, TaskStatus, UnreadableItem } from '@/api/schemas';
import { listTasks, type ListTasksParams } from '@/api/tasks';
import { writeTasks } from '@/entities/task/cache';
import type { TaskListFilters } from '@/entities/task/filters';
import { taskKeys } from '@/entities/task/keys';
import { ARRIVALS_REFRESH_MS } from '@/entities/task/polling';
import { refetchAt, TASKS_RESOURCE } from '@/entities/task/queries';

export type { TaskListFilters };

export const TASK_PAGE_SIZE = 50;
/** Pages of new tasks one re-read may fold in before it gives up and says so. */
const MAX_ARRIVAL_PAGES = 4;

export interface Arrivals {
  /** Tasks the first page brought since the list opened, newest first. */
  ids: string[];
  /** Items of the last re-read that could not be read. */
  unreadable: UnreadableItem[];
  /** More tasks arrived than one re-read could fold in: the list must be read anew. */
  overflow: boolean;
}

export const NO_ARRIVALS: Arrivals = { ids: [], unreadable: [], overflow: false };

function listParams(filters: TaskListFilters, cursor: string | undefined): ListTasksParams {
  return {
    cursor,
    limit: TASK_PAGE_SIZE,
    status: filters.statuses.length > 0 ? (filters.statuses as TaskStatus[]) : undefined,
    agent_id: filters.agentId,
    q: filters.q,
    created_after: filters.createdAfter,
    created_before: filters.createdBefore,
  };
}

/** Re-reads the first page, and the next ones while everything on them is new, until it reaches
 *  a task the list already shows (each folded in once), or after MAX_ARRIVAL_PAGES gives up with
 *  `overflow`. */
async function readArrivals(
  queryClient: QueryClient,
  filters: TaskListFilters,
  signal: AbortSignal,
): Promise<Arrivals> {
  const previous = queryClient.getQueryData<Arrivals>(taskKeys.arrivals(filters)) ?? NO_ARRIVALS;
  const list = queryClient.getQueryData<InfiniteData<TaskPage>>(taskKeys.list(filters));
  const known = new Set([
    ...previous.ids,
    ...(list?.pages.flatMap((page) => page.data.map((task) => task.task_id)) ?? []),
  ]);
  const pages: TaskPage[] = [];
  const pageParams: (string | undefined)[] = [];
  let cursor: string | undefined;
  let reached = false;
  while (pages.length < MAX_ARRIVAL_PAGES) {
    const page = await listTasks(listParams(filters, cursor), signal);
    writeTasks(queryClient, page.data);
    pages.push(page);
    pageParams.push(cursor);
    reached = page.data.some((task) => known.has(task.task_id));
    cursor = nextCursor({ pages, pageParams }, (task) => task.task_id);
    if (reached || cursor === undefined) break;
  }
  const fresh = pages.flatMap((page) => page.data.map((task) => task.task_id));
  return {
    ids: [...new Set([...fresh, ...previous.ids])],
    unreadable: pages.flatMap((page) => page.unreadable),
    overflow: !reached && cursor !== undefined,
  };
}

export const taskListQueries = {
  /** The list's pages, newest first, read once each as the person scrolls. */
  list: (filters: TaskListFilters) =>
    infiniteQueryOptions({
      queryKey: taskKeys.list(filters),
      queryFn: async ({ pageParam, signal, client }): Promise<TaskPage> => {
        const page = await listTasks(listParams(filters, pageParam), signal);
        writeTasks(client, page.data);
        // A first page read now: nothing has arrived since, and the next look is due in 15 s.
        if (pageParam === undefined) client.setQueryData(taskKeys.arrivals(filters), NO_ARRIVALS);
        return page;
      },
      initialPageParam: undefined as string | undefined,
      // Stops at the end, and when the server loops (`api/paging.ts`).
      getNextPageParam: (_page, pages, _param, pageParams) =>
        nextCursor({ pages, pageParams }, (task) => task.task_id),
      // Read once: their live rows are refreshed by the live refresh, new tasks by `arrivals`.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),

  /** The tasks created since the list's first page was read (which starts it empty). */
  arrivals: (filters: TaskListFilters) =>
    queryOptions({
      queryKey: taskKeys.arrivals(filters),
      queryFn: ({ signal, client }) => readArrivals(client, filters, signal),
      staleTime: ARRIVALS_REFRESH_MS,
      refetchInterval: (query) =>
        refetchAt(query, TASKS_RESOURCE, query.state.dataUpdatedAt + ARRIVALS_REFRESH_MS),
      retry: false,
    }),
};
