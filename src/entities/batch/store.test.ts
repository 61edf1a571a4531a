import 'fake-indexeddb/auto';
import { QueryClient } from '@tanstack/react-query';
import { createStore, get } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { batchKeys, cancelStarts, decideFile, forgetBatch, renameBatch } from './hooks';
import type { Batch } from './model';
import {
  createStoredBatch,
  getStoredBatch,
  getStoredFile,
  listStoredBatches,
  updateStoredBatch,
} from './store';

let counter = 0;
function newBatch(states: Batch['files'][number]['start'][]): Batch {
  counter += 1;
  return {
    id: `batch-${counter}`,
    agentId: 'agent-a',
    agentName: 'Invoice Extractor',
    createdAt: Date.now() + counter,
    query: 'Extract',
    files: states.map((start, index) => ({
      key: String(index),
      name: `f${index}.csv`,
      size: 3,
      type: 'text/csv',
      taskIds: [],
      start,
    })),
  };
}

function blobs(count: number): Blob[] {
  return Array.from(
    { length: count },
    (_, index) => new Blob([`a,${index}`], { type: 'text/csv' }),
  );
}

describe('batch store', () => {
  it('keeps a batch and its files, and forgets both together', async () => {
    const batch = newBatch([{ state: 'waiting' }, { state: 'waiting' }]);
    await createStoredBatch(batch, blobs(2));
    expect(await getStoredBatch(batch.id)).toEqual(batch);
    expect((await listStoredBatches()).map((b) => b.id)).toContain(batch.id);
    // (jsdom's Blobs do not survive Node's structured clone; the browser journeys read them.)
    expect(
      await get(`${batch.id}/1`, createStore('agent-console-batch-files', 'files')),
    ).toBeDefined();

    const queryClient = new QueryClient();
    queryClient.setQueryData(batchKeys.list(), [batch]);
    await forgetBatch(queryClient, batch.id);
    expect(await getStoredBatch(batch.id)).toBeNull();
    expect(await getStoredFile(batch.id, '1')).toBeUndefined();
    expect(queryClient.getQueryData(batchKeys.list())).toEqual([]);
  });

  it('changes a batch in one transaction and into the cache', async () => {
    const batch = newBatch([{ state: 'waiting' }]);
    await createStoredBatch(batch, blobs(1));
    const queryClient = new QueryClient();
    await renameBatch(queryClient, batch.id, '  March invoices ');
    expect((await getStoredBatch(batch.id))?.name).toBe('March invoices');
    expect(queryClient.getQueryData<Batch>(batchKeys.detail(batch.id))?.name).toBe(
      'March invoices',
    );
    await renameBatch(queryClient, batch.id, '');
    expect((await getStoredBatch(batch.id))?.name).toBeUndefined();
    // No batch: nothing is written.
    expect(await updateStoredBatch('missing', (b) => ({ ...b, name: 'x' }))).toBeNull();
  });

  it('Cancel remaining stops files not sent yet and marks those in flight', async () => {
    const batch = newBatch([
      { state: 'waiting' },
      { state: 'starting', since: 5 },
      { state: 'started' },
      { state: 'undecided', since: 5, candidates: ['t'] },
    ]);
    await createStoredBatch(batch, blobs(4));
    await cancelStarts(new QueryClient(), batch.id);
    expect((await getStoredBatch(batch.id))?.files.map((file) => file.start)).toEqual([
      { state: 'cancelled' },
      { state: 'unsettled', since: 5, cancel: true },
      { state: 'started' },
      { state: 'cancelled' },
    ]);
  });

  it('the person’s decision takes one candidate task for a file and from the others', async () => {
    const batch = newBatch([
      { state: 'undecided', since: 5, candidates: ['t1', 't2'] },
      { state: 'undecided', since: 5, candidates: ['t1', 't2'] },
    ]);
    await createStoredBatch(batch, blobs(2));
    await decideFile(new QueryClient(), batch.id, '0', 't2');
    const files = (await getStoredBatch(batch.id))?.files;
    expect(files?.[0]).toMatchObject({ taskIds: ['t2'], start: { state: 'started' } });
    expect(files?.[1]?.start).toEqual({ state: 'undecided', since: 5, candidates: ['t1'] });
    // A task that was not among its candidates is refused.
    await decideFile(new QueryClient(), batch.id, '1', 'elsewhere');
    expect((await getStoredBatch(batch.id))?.files[1]?.taskIds).toEqual([]);
  });
});
