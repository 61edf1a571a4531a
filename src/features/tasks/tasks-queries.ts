/**
 * Query keys and options for tasks, generic to specific (`['tasks', 'detail', id]`) so a whole
 * level can be invalidated at once. Every poll lives here, as a `refetchInterval` of the data,
 * with its numbers from `polling-policy.ts` (decision 0008):
 *
 * - `watched(id)`: a task's page polls its detail on the ladder, backs off on failures, and stops
 *   for good once the task is terminal. Only the task page uses it: other views of the task read
 *   `detail(id)`, which never polls, so a task has one poller however many views show it.
 * - `live(subjects)`: the list refreshes all its live tasks with one request, on the fastest
 *   ladder step among them; a task that leaves the live set is read once to learn how it ended.
 * - `head(filters)`: the list's first page, re-read every 15 s while it is on screen, so tasks
 *   started elsewhere appear; `tail(filters, anchor)`: the pages after it, read once each.
 * - `summary(id)`: the final answer, read once a task is terminal and kept.
 *
 * Every read writes what it learned into the task's one cache entry (`task-cache.ts`).
 */
import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { nextCursor } from '@/api/paging';
import { resourceState } from '@/api/request-health';
import { getTask, getTaskSummary, listTasks, type ListTasksParams } from '@/api/tasks';
import type { RunResponse, TaskPage, TaskStatus } from '@/api/schemas';
import {
  detailPollInterval,
  failureDelay,
  FIRST_PAGE_REFRESH_MS,
  isTerminal,
  LIVE_STATUSES,
  listPollInterval,
  type PollSubject,
} from './polling-policy';
import { mergeTask, readTask, taskDetailKey, writeTasks, type CachedTask } from './task-cache';
import { lastActionAt } from './watch-registry';

/** The list's filters, as kept in the URL. Everything a list read sends is in here. */
export interface TaskListFilters {
  statuses: readonly string[];
  agentId: string | undefined;
  q: string | undefined;
  /** ISO-8601, inclusive. */
  createdAfter: string | undefined;
  createdBefore: string | undefined;
}

export const TASK_PAGE_SIZE = 50;
/** The API's largest page: the live refresh asks for every live task at once. */
const LIVE_PAGE_SIZE = 100;

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: TaskListFilters) => [...taskKeys.lists(), filters] as const,
  head: (filters: TaskListFilters) => [...taskKeys.list(filters), 'head'] as const,
  tail: (filters: TaskListFilters, anchor: string) =>
    [...taskKeys.list(filters), 'tail', anchor] as const,
  live: () => [...taskKeys.all, 'live'] as const,
  details: () => [...taskKeys.all, 'detail'] as const,
  detail: taskDetailKey,
  summary: (taskId: string) => [...taskKeys.all, 'summary', taskId] as const,
};

function epoch(value: string | undefined): number | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** What the polling policy needs to know of a task. */
export function pollSubject(task: CachedTask): PollSubject {
  return {
    status: task.status,
    createdAt: epoch(task.created_at),
    lastActionAt: lastActionAt(task.task_id),
  };
}

/** The path of a task's detail read, whose health (failures, 429 wait) the poller follows. */
export function taskResource(taskId: string): string {
  return `/api/v1/tasks/${encodeURIComponent(taskId)}`;
}

const LIST_RESOURCE = '/api/v1/tasks';

/** A failing resource is asked again after the backoff, not on the ladder. */
function withBackoff(resource: string, interval: number | false): number | false {
  const failures = resourceState(resource)?.failures ?? 0;
  if (interval === false || failures === 0) return interval;
  return failureDelay(failures);
}

function detailInterval(taskId: string, task: CachedTask | undefined): number | false {
  const interval = detailPollInterval(
    task ? pollSubject(task) : { status: undefined, createdAt: undefined },
    Date.now(),
  );
  return withBackoff(taskResource(taskId), interval);
}

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

export const taskQueries = {
  /** A task's state from the cache, read once when nothing is known; never polls. */
  detail: (taskId: string) =>
    queryOptions({
      queryKey: taskKeys.detail(taskId),
      queryFn: async ({ signal, client }): Promise<CachedTask> => {
        const fresh = await getTask(taskId, signal);
        // Merged with what the cache holds when the answer arrives, not when the request left:
        // another read (a list page with the agent's name) may have landed meanwhile.
        return mergeTask(readTask(client, taskId), fresh);
      },
      // A finished task never changes again: no read on focus or remount, ever.
      staleTime: (query) => (isTerminal(query.state.data?.status) ? Infinity : 0),
    }),

  /** The task page's poller (see the module header). */
  watched: (taskId: string) =>
    queryOptions({
      ...taskQueries.detail(taskId),
      // Failures are retried by the interval (backoff), not by a burst of retries.
      retry: false,
      refetchInterval: (query) => detailInterval(taskId, query.state.data),
    }),

  /** The first page of the list, re-read while the list is on screen. */
  head: (filters: TaskListFilters) =>
    queryOptions({
      queryKey: taskKeys.head(filters),
      queryFn: async ({ signal, client }): Promise<TaskPage> => {
        const page = await listTasks(listParams(filters, undefined), signal);
        writeTasks(client, page.data);
        return page;
      },
      refetchInterval: () => withBackoff(LIST_RESOURCE, FIRST_PAGE_REFRESH_MS),
      retry: false,
    }),

  /** The pages after the first, from the cursor the first page gave when the list opened. */
  tail: (filters: TaskListFilters, anchor: string) =>
    infiniteQueryOptions({
      queryKey: taskKeys.tail(filters, anchor),
      queryFn: async ({ pageParam, signal, client }): Promise<TaskPage> => {
        const page = await listTasks(listParams(filters, pageParam), signal);
        writeTasks(client, page.data);
        return page;
      },
      initialPageParam: anchor,
      // Stops at the end, and when the server loops (`api/paging.ts`).
      getNextPageParam: (_page, pages, _param, pageParams) =>
        nextCursor({ pages, pageParams }, (task) => task.task_id),
      // Older pages are read once: their live rows are refreshed by `live`, finished ones never.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    }),

  /**
   * Every live task, in one request, on the fastest ladder step among `subjects()` (the live
   * tasks on screen that no task page polls). `false` when there are none: no request at all.
   */
  live: (subjects: () => readonly PollSubject[]) =>
    queryOptions({
      queryKey: taskKeys.live(),
      queryFn: ({ signal, client }) => refreshLiveTasks(client, signal),
      refetchInterval: () => withBackoff(LIST_RESOURCE, listPollInterval(subjects(), Date.now())),
      retry: false,
    }),

  summary: (taskId: string) =>
    queryOptions({
      queryKey: taskKeys.summary(taskId),
      queryFn: ({ signal }) => getTaskSummary(taskId, signal),
      staleTime: Infinity,
    }),
};

/**
 * The live refresh: one `GET /tasks?status=<live>` for every live task, written to the cache.
 * A task the previous refresh saw live and this one does not has ended (or moved past the page):
 * it is read once, to learn how it ended, and never again. Items a backend sends despite the
 * status filter are taken for what they say.
 */
async function refreshLiveTasks(client: QueryClient, signal: AbortSignal): Promise<TaskPage> {
  const previous = client.getQueryData<TaskPage>(taskKeys.live());
  const page = await listTasks({ status: LIVE_STATUSES, limit: LIVE_PAGE_SIZE }, signal);
  writeTasks(client, page.data);

  const present = new Set(page.data.map((task) => task.task_id));
  // With more live tasks than one page holds, only those newer than the page's oldest can be
  // told to have left it.
  const oldest = page.has_more
    ? Math.min(...page.data.map((task) => epoch(task.created_at) ?? Infinity))
    : -Infinity;
  for (const task of previous?.data ?? []) {
    if (present.has(task.task_id)) continue;
    if ((epoch(task.created_at) ?? -Infinity) < oldest) continue;
    const known = readTask(client, task.task_id);
    if (known && isTerminal(known.status)) continue;
    void client.fetchQuery({ ...taskQueries.detail(task.task_id), staleTime: 0 }).catch(() => {
      // The next refresh or the task's page will try again; nothing to show here.
    });
  }
  return page;
}

/**
 * Puts a task the console just created into the cache, so its page and the list show it at once
 * from the run response instead of waiting for a read, and marks every task list stale so the
 * next look at one includes it.
 */
export function seedStartedTask(queryClient: QueryClient, run: RunResponse, agentId: string): void {
  const createdAt = run.created_at ?? new Date().toISOString();
  // The run response's `message` is an acknowledgement, not part of the task.
  const { message: _acknowledgement, ...state } = run;
  writeTasks(queryClient, [
    {
      ...state,
      task_id: run.task_id,
      agent_id: run.agent_id ?? agentId,
      status: run.status ?? 'pending',
      created_at: createdAt,
      updated_at: createdAt,
    },
  ]);
  void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
}
