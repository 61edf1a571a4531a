/** The reads of a task and of the task sets every page needs, as `queryOptions` factories: one key
 *  per resource, marked stale by `changes.ts`, re-read at decision 0008's pace, no timers. */
import { queryOptions, type QueryClient, type QueryState } from '@tanstack/react-query';
import { getTaskMessages } from '@/api/messages';
import { walkPages } from '@/api/paging';
import { isRetryableError } from '@/api/retry';
import { getTaskResult, type MeasuredTaskResult } from '@/api/results';
import { getTask, getTaskSummary, listTasks, taskPath, type ListTasksParams } from '@/api/tasks';
import { mergeTask, readTask, writeTasks, type CachedTask } from './cache';
import { taskKeys } from './keys';
import { newestFirst, noteNeedsYou, type NeedsYouSet } from './needs-you';
import { detailPollInterval, resultRefreshGap, waitAfterFailure } from './polling';
import {
  isTerminal,
  LIVE_STATUSES,
  needsPerson,
  NEEDS_PERSON_STATUSES,
  TERMINAL_STATUSES,
} from './status';

/** The API's largest page: the set reads ask for as many tasks at once as it allows. */
const SET_PAGE_SIZE = 100;
/** A set walk stops after this many pages (2,000 tasks) and says it is incomplete. */
const MAX_SET_PAGES = 20;
/** No timer of a read fires sooner than this after it is set. */
const MIN_TIMER_MS = 50;

export const TASKS_RESOURCE = '/api/v1/tasks';

/** What a `refetchInterval` function reads of its query. */
export interface PolledQuery<T = unknown> {
  state: QueryState<T, unknown>;
}

/**
 * `refetchInterval` from a due time (epoch ms, or `false` for none): nothing while a read is in
 * flight (its answer sets the next timer), and after a failure, the wait `waitAfterFailure` sets.
 */
export function refetchAt(
  query: PolledQuery,
  resource: string,
  due: number | false,
  now: number = Date.now(),
): number | false {
  if (due === false || query.state.fetchStatus !== 'idle') return false;
  const { errorUpdatedAt, dataUpdatedAt, error } = query.state;
  if (errorUpdatedAt > dataUpdatedAt) {
    // A 4xx will not mend by asking again; a network failure, a 5xx or a 429 may.
    return isRetryableError(error) ? waitAfterFailure(resource, now) : false;
  }
  return Math.max(MIN_TIMER_MS, due - now);
}

/** A resource a task's change marked stale is read again `gap` ms after its last read at the
 *  earliest; otherwise it is kept as it is. */
function reReadWhenStale<T>(resource: string, gap: (query: PolledQuery<T>) => number) {
  return (query: PolledQuery<T>) =>
    refetchAt(
      query,
      resource,
      query.state.isInvalidated ? query.state.dataUpdatedAt + gap(query) : false,
    );
}

function setParams(statuses: readonly string[], cursor: string | undefined): ListTasksParams {
  return { status: statuses as ListTasksParams['status'], limit: SET_PAGE_SIZE, cursor };
}

function epoch(value: string | undefined): number | undefined {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Reads each task once, one after the other (so a hundred tasks that ended at once do not become
 * a burst of a hundred requests), to learn where it is now.
 */
async function readEach(queryClient: QueryClient, taskIds: readonly string[]): Promise<void> {
  for (const taskId of taskIds) {
    await queryClient
      .fetchQuery({ ...taskQueries.detail(taskId), staleTime: 0 })
      .catch(() => undefined);
  }
}

/**
 * Learns how tasks that left the live set ended: with more than two, one walk of the finished
 * tasks created since the oldest of them (a few pages at most) usually finds them all; the rest
 * are read one by one.
 */
async function learnHowTheyEnded(queryClient: QueryClient, taskIds: readonly string[]) {
  let rest = taskIds;
  const created = taskIds
    .map((taskId) => epoch(readTask(queryClient, taskId)?.created_at))
    .filter((time): time is number => time !== undefined);
  if (taskIds.length > 2 && created.length > 0) {
    const since = new Date(Math.min(...created)).toISOString();
    const walk = await walkPages(
      (cursor) => listTasks({ ...setParams(TERMINAL_STATUSES, cursor), created_after: since }),
      (task) => task.task_id,
      3,
    ).catch(() => undefined);
    const ended = walk?.items.filter((task) => isTerminal(task.status)) ?? [];
    writeTasks(queryClient, ended);
    const found = new Set(ended.map((task) => task.task_id));
    rest = taskIds.filter((taskId) => !found.has(taskId));
  }
  await readEach(queryClient, rest);
}

/** Items that carry no status say nothing of where the task is: their detail is read when the
 *  cache has no status for them either, or their `updated_at` moved. */
function statusUnknown(before: ReadonlyMap<string, CachedTask | undefined>, items: CachedTask[]) {
  return items
    .filter((item) => {
      if (item.status !== undefined) return false;
      const known = before.get(item.task_id);
      return (
        known?.status === undefined ||
        (item.updated_at !== undefined && item.updated_at !== known.updated_at)
      );
    })
    .map((item) => item.task_id);
}

export interface LiveSet {
  /** Every live task of the workspace, as the last walk listed them. */
  ids: string[];
  /** The walk read every page. */
  complete: boolean;
}

/**
 * The live refresh: every live task in one walk of `GET /tasks?status=<live>` (pages of 100),
 * written to the cache. A task the last walk listed and this one does not has ended: it is read
 * once to learn how. A complete walk also says which tasks wait on a person.
 */
async function refreshLiveTasks(queryClient: QueryClient, signal: AbortSignal): Promise<LiveSet> {
  const previous = queryClient.getQueryData<LiveSet>(taskKeys.live());
  const walk = await walkPages(
    (cursor) => listTasks(setParams(LIVE_STATUSES, cursor), signal),
    (task) => task.task_id,
    MAX_SET_PAGES,
  );
  // A backend may ignore the filter: an item that says it ended is taken for what it says.
  const items = walk.items.filter((task) => !isTerminal(task.status));
  const before = new Map(
    walk.items.map((task) => [task.task_id, readTask(queryClient, task.task_id)]),
  );
  writeTasks(queryClient, walk.items);

  const present = new Set(items.map((task) => task.task_id));
  // An incomplete walk can only tell that tasks newer than its oldest item have left.
  const oldest = walk.complete
    ? -Infinity
    : Math.min(...walk.items.map((task) => epoch(task.created_at) ?? Infinity));
  const left = (previous?.ids ?? []).filter((taskId) => {
    if (present.has(taskId)) return false;
    const known = readTask(queryClient, taskId);
    return !isTerminal(known?.status) && (epoch(known?.created_at) ?? -Infinity) >= oldest;
  });
  void learnHowTheyEnded(queryClient, left);
  void readEach(queryClient, statusUnknown(before, walk.items));

  if (walk.complete) {
    const waiting = [...present].filter((taskId) =>
      needsPerson(readTask(queryClient, taskId)?.status),
    );
    queryClient.setQueryData<NeedsYouSet>(taskKeys.needsYou(), {
      ids: newestFirst(queryClient, waiting),
    });
  }
  return { ids: [...present], complete: walk.complete };
}

/**
 * The needs-you watcher: every task waiting on a person, in one walk of
 * `GET /tasks?status=waiting_for_input,awaiting_review`. A task the last walk listed and this one
 * does not is read once (it was answered, approved or cancelled — perhaps elsewhere).
 */
async function refreshNeedsYou(
  queryClient: QueryClient,
  signal: AbortSignal,
): Promise<NeedsYouSet> {
  const previous = queryClient.getQueryData<NeedsYouSet>(taskKeys.needsYou())?.ids ?? [];
  const walk = await walkPages(
    (cursor) => listTasks(setParams(NEEDS_PERSON_STATUSES, cursor), signal),
    (task) => task.task_id,
    MAX_SET_PAGES,
  );
  const items = walk.items.filter((task) => task.status === undefined || needsPerson(task.status));
  const before = new Map(items.map((task) => [task.task_id, readTask(queryClient, task.task_id)]));
  writeTasks(queryClient, items);
  const ids = new Set(items.map((task) => task.task_id));
  const left = walk.complete ? previous.filter((taskId) => !ids.has(taskId)) : [];
  void readEach(queryClient, [...left, ...statusUnknown(before, items)]).then(() => {
    // One the list lags behind on (its page already said it waits) comes back here.
    for (const taskId of left) noteNeedsYou(queryClient, taskId);
  });
  const kept = walk.complete ? [] : previous.filter((taskId) => !ids.has(taskId));
  return { ids: newestFirst(queryClient, [...ids, ...kept]) };
}

export const taskQueries = {
  /** The task's state from the cache, read when nothing fresh is known; never polls. */
  detail: (taskId: string) =>
    queryOptions({
      queryKey: taskKeys.task(taskId),
      queryFn: async ({ signal, client }): Promise<CachedTask> => {
        const fresh = await getTask(taskId, signal);
        // Merged with the cache when the answer arrives, not when the request left: another
        // read (a list page with the agent's name) may have landed meanwhile.
        return mergeTask(readTask(client, taskId), fresh);
      },
      // A finished task never changes again: no read on focus or remount, ever.
      staleTime: (query) => (isTerminal(query.state.data?.status) ? Infinity : 0),
    }),

  /**
   * A task's page polls it on the ladder (decision 0008), backs off while its reads fail, and
   * stops for good once it has ended. `lastActionAt` opens the fast window after an action.
   */
  watched: (taskId: string, lastActionAt: () => number | undefined) =>
    queryOptions({
      ...taskQueries.detail(taskId),
      // Failures are retried by the interval (backoff), not by a burst of retries.
      retry: false,
      refetchInterval: (query) => {
        const task = query.state.data;
        const interval = detailPollInterval(
          {
            status: task?.status,
            createdAt: epoch(task?.created_at),
            lastActionAt: lastActionAt(),
          },
          Date.now(),
        );
        return refetchAt(
          query,
          taskPath(taskId),
          interval === false
            ? false
            : Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt) + interval,
        );
      },
    }),

  messages: (taskId: string) =>
    queryOptions({
      queryKey: taskKeys.messages(taskId),
      queryFn: ({ signal }) => getTaskMessages(taskId, signal),
      staleTime: Infinity,
      refetchInterval: reReadWhenStale(taskPath(taskId, '/messages'), () => 0),
    }),

  /** The answer: re-read when the task's status changes (and so once when it ends). */
  summary: (taskId: string) =>
    queryOptions({
      queryKey: taskKeys.summary(taskId),
      queryFn: ({ signal }) => getTaskSummary(taskId, signal),
      staleTime: Infinity,
      refetchInterval: reReadWhenStale(taskPath(taskId, '/summary'), () => 0),
    }),

  /**
   * The trace feed. `follow`: re-read as the task changes, at most every 2 s while it is under
   * 1 MB and no more often than ten times its last download above that; otherwise it is read
   * when first shown (or when stale) and kept.
   */
  result: (taskId: string, { follow }: { follow: boolean }) =>
    queryOptions({
      queryKey: taskKeys.result(taskId),
      queryFn: ({ signal }) => getTaskResult(taskId, signal),
      staleTime: Infinity,
      refetchOnWindowFocus: follow,
      refetchInterval: follow
        ? reReadWhenStale<MeasuredTaskResult>(taskPath(taskId, '/result'), (query) => {
            const data = query.state.data;
            return data ? resultRefreshGap(data.bytes, data.downloadMs) : 0;
          })
        : false,
    }),

  /** Every live task of the workspace (see `refreshLiveTasks`); `due` says when to read again. */
  live: (due: (query: PolledQuery<LiveSet>) => number | false) =>
    queryOptions({
      queryKey: taskKeys.live(),
      queryFn: ({ signal, client }) => refreshLiveTasks(client, signal),
      refetchInterval: (query) => refetchAt(query, TASKS_RESOURCE, due(query)),
      refetchIntervalInBackground: true,
      refetchOnWindowFocus: false,
      retry: false,
    }),

  /** The tasks waiting on a person (see `refreshNeedsYou`); `period` between reads. */
  needsYou: (period: number) =>
    queryOptions({
      queryKey: taskKeys.needsYou(),
      queryFn: ({ signal, client }) => refreshNeedsYou(client, signal),
      refetchInterval: (query) =>
        refetchAt(query, TASKS_RESOURCE, query.state.dataUpdatedAt + period),
      refetchIntervalInBackground: true,
      staleTime: period,
      retry: false,
    }),
};
