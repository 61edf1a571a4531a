/** Where batches live in IndexedDB: read by the store and by the first page's bare check. */
export const BATCHES_DB = 'agent-console-batches';
export const BATCHES_STORE = 'batches';
export const FILES_DB = 'agent-console-batch-files';
export const FILES_STORE = 'files';
