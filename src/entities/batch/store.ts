/** Batches in this browser's IndexedDB (`idb-keyval`): one database for the batches, one for their
 *  files as Blobs (read from disk once, when chosen; sent from here, so a reload can resume). Every
 *  write is one transaction; other tabs hear of it on a BroadcastChannel. */
import { createStore, del, delMany, get, set, update, values, type UseStore } from 'idb-keyval';
import { isRecord } from '@/lib/stored';
import type { Batch } from './model';
import { BATCHES_DB, BATCHES_STORE, FILES_DB, FILES_STORE } from './names';

const CHANNEL_NAME = 'agent-console:batches';
/** Kept beside each batch; another version's record is not read. */
const VERSION = 1;

interface Record {
  v: number;
  batch: Batch;
}

let stores: { batches: UseStore; files: UseStore } | undefined;
function open() {
  // Opened on first use: a page that never touches a batch never opens IndexedDB.
  stores ??= {
    batches: createStore(BATCHES_DB, BATCHES_STORE),
    files: createStore(FILES_DB, FILES_STORE),
  };
  return stores;
}

/** Whether this browser can keep batches at all. */
export function batchStorageAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

function readRecord(value: unknown): Batch | undefined {
  if (!isRecord(value) || value.v !== VERSION || !isRecord(value.batch)) return undefined;
  const batch = value.batch as unknown as Batch;
  return typeof batch.id === 'string' && Array.isArray(batch.files) ? batch : undefined;
}

function fileKey(batchId: string, key: string): string {
  return `${batchId}/${key}`;
}

export class BatchStorageError extends Error {
  override readonly name = 'BatchStorageError';
  constructor(cause: unknown) {
    const reason = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
    super(
      `This browser could not store the batch's files${reason}. Free some disk space or leave private browsing, or run the files in one task.`,
      { cause },
    );
  }
}

// ---- change notices between tabs -------------------------------------------------------------

type Listener = (batchId: string | undefined) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function ensureChannel(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const id =
      isRecord(event.data) && typeof event.data.id === 'string' ? event.data.id : undefined;
    for (const listener of listeners) listener(id);
  };
  return channel;
}

/** Calls `listener` when another tab changed a batch (its id; undefined: any). */
export function subscribeBatchChanges(listener: Listener): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      channel?.close();
      channel = undefined;
    }
  };
}

function announce(id: string): void {
  try {
    (ensureChannel() ?? undefined)?.postMessage({ id });
  } catch {
    // A closed channel (the page is going away): the other tabs re-read on focus.
  }
}

// ---- batches ----------------------------------------------------------------------------------

export async function listStoredBatches(): Promise<Batch[]> {
  if (!batchStorageAvailable()) return [];
  const all = await values<unknown>(open().batches);
  return all.flatMap((value) => readRecord(value) ?? []);
}

export async function getStoredBatch(id: string): Promise<Batch | null> {
  if (!batchStorageAvailable()) return null;
  return readRecord(await get<unknown>(id, open().batches)) ?? null;
}

/**
 * Stores a new batch and its files, one file per transaction (the browser copies each into its
 * blob store; nothing is read into this page's memory). If a file cannot be stored, nothing of
 * the batch is kept and a `BatchStorageError` says why.
 */
export async function createStoredBatch(batch: Batch, files: readonly Blob[]): Promise<void> {
  if (!batchStorageAvailable()) throw new BatchStorageError(new Error('no IndexedDB'));
  const { batches, files: fileStore } = open();
  try {
    for (const [index, file] of batch.files.entries()) {
      const blob = files[index];
      if (!blob) throw new Error(`file ${file.name} is missing`);
      await set(fileKey(batch.id, file.key), blob, fileStore);
    }
    await update(batch.id, () => ({ v: VERSION, batch }) satisfies Record, batches);
  } catch (error) {
    await deleteStoredBatch(
      batch.id,
      batch.files.map((file) => file.key),
    ).catch(() => undefined);
    throw new BatchStorageError(error);
  }
  announce(batch.id);
}

/**
 * Changes a batch in one read-modify-write transaction (two tabs' writes never cross); `change`
 * returns the new batch, or the same object for no change. Resolves to the batch as stored, or
 * null when there is none.
 */
export async function updateStoredBatch(
  id: string,
  change: (batch: Batch) => Batch,
): Promise<Batch | null> {
  let result: Batch | null = null;
  let changed = false;
  await update<unknown>(
    id,
    (value) => {
      const batch = readRecord(value);
      if (!batch) {
        result = null;
        return value;
      }
      const next = change(batch);
      changed = next !== batch;
      result = next;
      return changed ? ({ v: VERSION, batch: next } satisfies Record) : value;
    },
    open().batches,
  );
  if (changed) announce(id);
  return result;
}

/** Forgets a batch and its files. The tasks stay in the workspace. */
export async function deleteStoredBatch(id: string, fileKeys?: readonly string[]): Promise<void> {
  const { batches, files } = open();
  const keysOfFiles = fileKeys ?? (await getStoredBatch(id))?.files.map((file) => file.key) ?? [];
  await delMany(
    keysOfFiles.map((key) => fileKey(id, key)),
    files,
  );
  await del(id, batches);
  announce(id);
}

/** A batch file's bytes, as stored (a Blob the browser keeps on disk); undefined if gone. */
export async function getStoredFile(batchId: string, key: string): Promise<Blob | undefined> {
  const blob = await get<unknown>(fileKey(batchId, key), open().files);
  return blob instanceof Blob ? blob : undefined;
}
