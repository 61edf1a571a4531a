/** Batches through TanStack Query: queries read IndexedDB (`store.ts`), every write goes through
 *  the store and then into the cache; another tab's write reaches this one over the store's
 *  BroadcastChannel (and on focus). Changes that give the scheduler work wake it (`runner.ts`). */
import {
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { byNewest, isStartLeft, type Batch, type BatchFile, type FileStart } from './model';
import {
  deleteStoredBatch,
  getStoredBatch,
  listStoredBatches,
  subscribeBatchChanges,
  updateStoredBatch,
} from './store';

export const batchKeys = {
  all: () => ['batches'] as const,
  /** Every batch of this browser, newest first. */
  list: () => ['batches', 'list'] as const,
  detail: (id: string) => ['batches', 'detail', id] as const,
};

/** IndexedDB is local: no network mode, no retries of a read that failed for a reason that
 *  would not go away; other tabs' changes come by message, so reads stay fresh until then. */
const localQuery = { networkMode: 'always', retry: 1, staleTime: Infinity } as const;

function useBatchChanges(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeBatchChanges((id) => {
        void queryClient.invalidateQueries({
          queryKey: id === undefined ? batchKeys.all() : batchKeys.detail(id),
        });
        void queryClient.invalidateQueries({ queryKey: batchKeys.list() });
      }),
    [queryClient],
  );
}

export function useBatches(): UseQueryResult<Batch[]> {
  useBatchChanges();
  return useQuery({
    ...localQuery,
    queryKey: batchKeys.list(),
    queryFn: async () => (await listStoredBatches()).sort(byNewest),
    refetchOnWindowFocus: 'always',
  });
}

export function useBatch(id: string): UseQueryResult<Batch | null> {
  useBatchChanges();
  return useQuery({
    ...localQuery,
    queryKey: batchKeys.detail(id),
    queryFn: () => getStoredBatch(id),
    refetchOnWindowFocus: 'always',
  });
}

/** Puts a batch as stored into the cache: its detail and its row of the list. */
export function writeBatchToCache(queryClient: QueryClient, batch: Batch): void {
  queryClient.setQueryData(batchKeys.detail(batch.id), batch);
  queryClient.setQueryData<Batch[]>(batchKeys.list(), (list) => {
    if (!list) return list;
    const others = list.filter((item) => item.id !== batch.id);
    return [...others, batch].sort(byNewest);
  });
}

/** Changes a batch in the store (one transaction) and then in the cache. */
export async function changeBatch(
  queryClient: QueryClient,
  id: string,
  change: (batch: Batch) => Batch,
): Promise<Batch | null> {
  const batch = await updateStoredBatch(id, change);
  if (batch) writeBatchToCache(queryClient, batch);
  return batch;
}

/** The batch with some files changed (`change` returns the file, or the same object for none). */
export function withFiles(batch: Batch, change: (file: BatchFile) => BatchFile): Batch {
  let changed = false;
  const files = batch.files.map((file) => {
    const next = change(file);
    if (next !== file) changed = true;
    return next;
  });
  return changed ? { ...batch, files } : batch;
}

function withStart(file: BatchFile, start: FileStart, taskId?: string): BatchFile {
  return { ...file, start, taskIds: taskId ? [...file.taskIds, taskId] : file.taskIds };
}

/** Wakes this tab's scheduler for the batch (it takes the batch's lock, or another tab has it). */
function wake(queryClient: QueryClient, id: string): void {
  void import('./runner').then(({ runBatch }) => runBatch(queryClient, id));
}

/** Names the batch (an empty name goes back to the default heading). */
export async function renameBatch(
  queryClient: QueryClient,
  id: string,
  name: string,
): Promise<void> {
  const trimmed = name.trim();
  await changeBatch(queryClient, id, (batch) => {
    if ((batch.name ?? '') === trimmed) return batch;
    const { name: _old, ...rest } = batch;
    return trimmed ? { ...rest, name: trimmed } : rest;
  });
}

/** Forgets the batch and its stored files in this browser; its tasks stay in the workspace. */
export async function forgetBatch(queryClient: QueryClient, id: string): Promise<void> {
  await deleteStoredBatch(id);
  queryClient.removeQueries({ queryKey: batchKeys.detail(id) });
  queryClient.setQueryData<Batch[]>(batchKeys.list(), (list) =>
    list?.filter((batch) => batch.id !== id),
  );
}

/**
 * Queues those files for a new task each (`Retry failed`): back to `waiting`, their earlier
 * tasks kept in `taskIds`. Files still being started are left as they are. Wakes the scheduler.
 */
export async function retryFiles(
  queryClient: QueryClient,
  batchId: string,
  fileKeys: readonly string[],
): Promise<void> {
  const wanted = new Set(fileKeys);
  const batch = await changeBatch(queryClient, batchId, (current) =>
    withFiles(current, (file) =>
      wanted.has(file.key) && !isStartLeft(file) && file.start.state !== 'undecided'
        ? withStart(file, { state: 'waiting' })
        : file,
    ),
  );
  if (batch) wake(queryClient, batchId);
}

/**
 * `Cancel remaining`, the starting side: files not sent yet are not sent (`cancelled`); a file
 * whose answer was lost is still looked for, and not sent again if it has no task. Tasks that
 * exist are the caller's to cancel (`currentTaskId` of the started files).
 */
export async function cancelStarts(queryClient: QueryClient, batchId: string): Promise<void> {
  await changeBatch(queryClient, batchId, (batch) =>
    withFiles(batch, (file) => {
      const { start } = file;
      if (start.state === 'waiting' || start.state === 'undecided') {
        return withStart(file, { state: 'cancelled' });
      }
      if (start.state === 'unsettled' || start.state === 'starting') {
        return withStart(file, { state: 'unsettled', since: start.since, cancel: true });
      }
      return file;
    }),
  );
}

/**
 * The person's answer for an undecided file: `taskId` (one of its candidates) is its task, or
 * `null`: none is, start a new one. Wakes the scheduler for the latter.
 */
export async function decideFile(
  queryClient: QueryClient,
  batchId: string,
  fileKey: string,
  taskId: string | null,
): Promise<void> {
  const batch = await changeBatch(queryClient, batchId, (current) =>
    withFiles(current, (file) => {
      if (file.start.state !== 'undecided') return file;
      if (file.key !== fileKey) {
        // The chosen task is no other file's candidate any more.
        const candidates = file.start.candidates.filter((id) => id !== taskId);
        return candidates.length === file.start.candidates.length
          ? file
          : withStart(file, { ...file.start, candidates });
      }
      if (taskId === null) return withStart(file, { state: 'waiting' });
      return file.start.candidates.includes(taskId)
        ? withStart(file, { state: 'started' }, taskId)
        : file;
    }),
  );
  if (batch && taskId === null) wake(queryClient, batchId);
}
