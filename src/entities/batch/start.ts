/** New run's `One task per file`: stores the batch and its files in IndexedDB (read from disk
 *  once), starts it, settles at its first task, or with the refusal if every file was refused. */
import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/http';
import { runPath } from '@/api/runs';
import { forgetBatch, writeBatchToCache } from './hooks';
import type { Batch } from './model';
import { runBatch } from './runner';
import { createStoredBatch, subscribeBatchChanges, getStoredBatch } from './store';

export interface NewBatch {
  agentId: string;
  agentName?: string | undefined;
  agentVersion?: string | number | undefined;
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
  files: readonly File[];
}

export type BatchStartOutcome =
  /** The first task exists. */
  | { kind: 'started'; batchId: string }
  /** Every file's fate is unknown so far (lost answers); the batch keeps trying by itself. */
  | { kind: 'pending'; batchId: string };

function newBatch(input: NewBatch): Batch {
  const trim = (text: string) => text.trim();
  return {
    id: crypto.randomUUID(),
    agentId: input.agentId,
    ...(input.agentName ? { agentName: input.agentName } : {}),
    ...(input.agentVersion !== undefined ? { agentVersion: input.agentVersion } : {}),
    createdAt: Date.now(),
    query: trim(input.query),
    ...(trim(input.outputSchema) ? { outputSchema: trim(input.outputSchema) } : {}),
    ...(trim(input.instructions) ? { instructions: trim(input.instructions) } : {}),
    plainLanguage: input.plainLanguage,
    files: input.files.map((file, index) => ({
      key: String(index),
      name: file.name,
      size: file.size,
      type: file.type,
      taskIds: [],
      start: { state: 'waiting' },
    })),
  };
}

/** What the batch's starts say so far: undefined while there is nothing to settle on. */
function outcomeOf(batch: Batch): BatchStartOutcome | Error | undefined {
  const states = batch.files.map((file) => file.start.state);
  if (states.includes('started')) return { kind: 'started', batchId: batch.id };
  if (states.includes('starting')) return undefined;
  if (states.some((state) => state === 'unsettled' || state === 'undecided')) {
    // Answers were lost: the batch looks for their tasks (and starts the rest) by itself.
    return { kind: 'pending', batchId: batch.id };
  }
  if (states.includes('waiting')) return undefined;
  const refusal = batch.files.find((file) => file.start.state === 'refused');
  if (refusal?.start.state === 'refused' && states.every((state) => state === 'refused')) {
    return new ApiError({
      kind: 'http',
      status: refusal.start.status ?? 400,
      message: refusal.start.message,
      method: 'POST',
      path: runPath(batch.agentId),
    });
  }
  return { kind: 'pending', batchId: batch.id };
}

/**
 * Creates and starts the batch. Resolves once its first task exists (`started`), or once answers
 * were lost before any task was seen (`pending`: the batch keeps looking and starting on its
 * own, so a second Run would only risk doubles); rejects with the API's refusal when every file was refused (the batch is then
 * forgotten), or with a `BatchStorageError` when the browser could not keep the files.
 */
export async function createAndStartBatch(
  queryClient: QueryClient,
  input: NewBatch,
): Promise<BatchStartOutcome> {
  const batch = newBatch(input);
  await createStoredBatch(batch, input.files);
  writeBatchToCache(queryClient, batch);
  return new Promise<BatchStartOutcome>((resolve, reject) => {
    let settled = false;
    const check = async () => {
      if (settled) return;
      const current = await getStoredBatch(batch.id);
      if (!current || settled) return;
      const outcome = outcomeOf(current);
      if (outcome === undefined) return;
      settled = true;
      unsubscribe();
      unwatch();
      if (outcome instanceof Error) {
        await forgetBatch(queryClient, batch.id).catch(() => undefined);
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    // Changes in this tab reach the cache; in another tab (its lock), the channel.
    const unwatch = queryClient.getQueryCache().subscribe((event) => {
      const key = event.query.queryKey as readonly unknown[];
      if (key[0] === 'batches' && key[1] === 'detail' && key[2] === batch.id) void check();
    });
    const unsubscribe = subscribeBatchChanges((id) => {
      if (id === undefined || id === batch.id) void check();
    });
    void runBatch(queryClient, batch.id).then(check, (error: unknown) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      unwatch();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}
