/**
 * Every task the console knows to be waiting on the person (`waiting_for_input`,
 * `awaiting_review`), newest first, from the task cache — so `Needs you`, the title count and
 * the task pages agree with whatever read came last.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { CachedTask } from './task-cache';
import { needsPerson } from './task-status';

export function useNeedsYou(): CachedTask[] {
  const cache = useQueryClient().getQueryCache();
  // A string snapshot: stable while nothing relevant changes, so renders happen only on a change.
  const signature = useSyncExternalStore(
    (listener) => cache.subscribe(listener),
    () =>
      JSON.stringify(
        cache
          .findAll({ queryKey: ['tasks', 'detail'] })
          .map((query) => query.state.data as CachedTask | undefined)
          .filter((task): task is CachedTask => task !== undefined && needsPerson(task.status))
          .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '')),
      ),
  );
  return useMemo(() => JSON.parse(signature) as CachedTask[], [signature]);
}
