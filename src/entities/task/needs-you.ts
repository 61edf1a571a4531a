/** The tasks waiting on a person, newest first, under `['tasks', 'list', 'needs-you']`: the
 *  watcher and the live refresh replace the set, every other task read adds or drops its task
 *  (`changes.ts`). `Needs you` and both counts read it. */
import type { QueryClient } from '@tanstack/react-query';
import { readTask } from './cache';
import { taskKeys } from './keys';
import { needsPerson } from './status';

export interface NeedsYouSet {
  ids: readonly string[];
}

export const EMPTY_NEEDS_YOU: NeedsYouSet = { ids: [] };

function createdAt(queryClient: QueryClient, taskId: string): string {
  return readTask(queryClient, taskId)?.created_at ?? '';
}

/** `ids` newest first by the cache's `created_at` (ids without one keep their order, last). */
export function newestFirst(queryClient: QueryClient, ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)];
  return unique
    .map((id, index) => ({ id, index, at: createdAt(queryClient, id) }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : b.at.localeCompare(a.at)))
    .map((entry) => entry.id);
}

/** Adds or drops one task as its cached status says. Keeps the set's `dataUpdatedAt`: one task
 *  learned elsewhere does not make the whole set fresh. */
export function noteNeedsYou(queryClient: QueryClient, taskId: string): void {
  const key = taskKeys.needsYou();
  const state = queryClient.getQueryState<NeedsYouSet>(key);
  const ids = state?.data?.ids ?? [];
  const wanted = needsPerson(readTask(queryClient, taskId)?.status);
  if (wanted === ids.includes(taskId)) return;
  const next = wanted
    ? newestFirst(queryClient, [...ids, taskId])
    : ids.filter((id) => id !== taskId);
  queryClient.setQueryData<NeedsYouSet>(
    key,
    { ids: next },
    {
      updatedAt: state?.dataUpdatedAt ?? 0,
    },
  );
}
