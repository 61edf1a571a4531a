/** On every page: whether this browser holds a batch with starts left (or files waiting for the
 *  person's decision), read with the bare IndexedDB API so the first page carries no batch code;
 *  only then is the resume code fetched. Never creates the database. */
import { BATCHES_DB, BATCHES_STORE } from './names';

const WORK_LEFT = new Set(['waiting', 'starting', 'unsettled', 'undecided']);

function hasWorkLeft(record: unknown): boolean {
  const files = (record as { batch?: { files?: unknown } } | null)?.batch?.files;
  return (
    Array.isArray(files) &&
    files.some((file) =>
      WORK_LEFT.has((file as { start?: { state?: string } })?.start?.state ?? ''),
    )
  );
}

export async function hasUnfinishedBatches(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  return new Promise<boolean>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(BATCHES_DB);
    } catch {
      // Storage refused outright (some private modes): nothing to resume.
      resolve(false);
      return;
    }
    // No such database: abort its creation (the store's own open must create it, with its store).
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(false);
    request.onblocked = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      try {
        const read = db.transaction(BATCHES_STORE, 'readonly').objectStore(BATCHES_STORE).getAll();
        read.onsuccess = () => {
          db.close();
          resolve((read.result as unknown[]).some(hasWorkLeft));
        };
        read.onerror = () => {
          db.close();
          resolve(false);
        };
      } catch {
        db.close();
        resolve(false);
      }
    };
  });
}
