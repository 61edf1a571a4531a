/** The task's hooks for every view: a task's newest state (`useTask`), the tasks waiting on the
 *  person (`useNeedsYou`), a list's say in how often live rows refresh (`useLiveDemand`), and the
 *  app-level watchers behind both (`useTaskWatchers`, mounted once by the shell). */
import { focusManager, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { isWatched, pollSubject } from './actions';
import { lacksRowFields, type CachedTask } from './cache';
import { taskKeys } from './keys';
import { EMPTY_NEEDS_YOU, type NeedsYouSet } from './needs-you';
import { listPollInterval, NEEDS_YOU_HIDDEN_MS, NEEDS_YOU_VISIBLE_MS } from './polling';
import { taskQueries } from './queries';
import { isTerminal } from './status';
import { taskSyncOf } from './tab-sync';

export interface TaskState {
  task: CachedTask | undefined;
  /** The task's own read is under way (nothing a list gave said enough). */
  isReading: boolean;
}

/**
 * A task's newest known state, from its one cache entry, for a view that does not poll it (a
 * row, a `Needs you` entry). When no list said its status (or when it was created), its own
 * state is read once.
 */
export function useTask(taskId: string): TaskState {
  const query = useQuery({
    ...taskQueries.detail(taskId),
    enabled: (query) => lacksRowFields(query.state.data),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return { task: query.data, isReading: query.isFetching };
}

/** The ids of the tasks waiting on the person, newest first, as the watcher keeps them. */
export function useNeedsYou(): readonly string[] {
  const { data } = useQuery<NeedsYouSet>({ queryKey: taskKeys.needsYou(), queryFn: skipToken });
  return (data ?? EMPTY_NEEDS_YOU).ids;
}

function subscribeFocus(listener: () => void): () => void {
  return focusManager.subscribe(listener);
}

function isFocused(): boolean {
  return focusManager.isFocused();
}

/**
 * Keeps the live tasks among a list's rows current: the live refresh runs at the fastest ladder
 * step among them (those no task page polls already), from this tab or from the leader.
 */
export function useLiveDemand(ids: readonly string[]): void {
  const queryClient = useQueryClient();
  const sync = taskSyncOf(queryClient);
  const id = useId();
  const current = useRef(ids);
  const signature = ids.join('\n');
  useEffect(() => {
    current.current = signature === '' ? [] : signature.split('\n');
    sync.demandChanged();
  }, [signature, sync]);
  useEffect(
    () =>
      sync.setLocalDemand(id, () =>
        listPollInterval(
          current.current
            .filter((taskId) => !isWatched(queryClient, taskId))
            .map((taskId) => pollSubject(queryClient, taskId))
            .filter((subject) => !isTerminal(subject.status)),
          Date.now(),
        ),
      ),
    [id, queryClient, sync],
  );
}

/**
 * The app's background reads, mounted once: the needs-you watcher (every 15 s while a tab of the
 * console is in view, every 30 s while none is, hidden or not) and the live refresh of every
 * list's live rows — in the leading tab only, which shares what it reads with the others.
 */
export function useTaskWatchers(): void {
  const queryClient = useQueryClient();
  const sync = taskSyncOf(queryClient);
  useEffect(() => sync.start(), [sync]);
  useSyncExternalStore(sync.subscribe, sync.snapshot);
  useSyncExternalStore(subscribeFocus, isFocused);

  const leader = sync.isLeader();
  const period = sync.anyVisible() ? NEEDS_YOU_VISIBLE_MS : NEEDS_YOU_HIDDEN_MS;
  useQuery({ ...taskQueries.needsYou(period), enabled: leader });

  const wanted = sync.liveInterval() !== false;
  useQuery({
    ...taskQueries.live((query) => {
      const interval = sync.liveInterval();
      return interval === false ? false : query.state.dataUpdatedAt + interval;
    }),
    enabled: leader && wanted,
    // A list that opens just after a refresh does not need another at once.
    staleTime: 2_000,
  });
}
