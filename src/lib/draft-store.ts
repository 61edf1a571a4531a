/** What people type and have not sent (the run form, a task's reply), per key, in memory and in
 *  `stored.ts`: writes wait for a pause in typing and are flushed when the page is left. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { onResetModuleState } from './module-state';
import { isRecord, stored } from './stored';

interface Entry<T> {
  value: T;
  savedAt: number;
}

export interface DraftStoreOptions<T> {
  storageKey: string;
  empty: T;
  isEmpty: (value: T) => boolean;
  /** A stored value as this version reads it, or undefined when it cannot be read. */
  parse: (raw: unknown) => T | undefined;
  /** Drafts of an earlier version of the console, as `{key: value}`. */
  legacy?: (stored: Record<string, unknown>) => Record<string, unknown> | undefined;
  maxEntries?: number;
  ttlMs?: number;
}

export interface DraftStore<T> {
  get: (key: string) => T;
  set: (key: string, value: T) => void;
  /** Empties the draft in memory and storage at once (no write still pending can bring it back). */
  clear: (key: string) => void;
  subscribe: (listener: () => void) => () => void;
  /** Writes what waits for a pause in typing now (leaving the page, unmounting). */
  flush: () => void;
}

const SAVE_DELAY_MS = 300;

function mapValues<A, B>(record: Record<string, A>, f: (value: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
}

export function createDraftStore<T>(options: DraftStoreOptions<T>): DraftStore<T> {
  const { storageKey, empty, isEmpty, parse, maxEntries = Infinity, ttlMs = Infinity } = options;
  let entries: Map<string, Entry<T>> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  const storage = stored<{ entries: Record<string, unknown> }>({
    key: storageKey,
    version: 2,
    parse: (data) => (isRecord(data.entries) ? { entries: data.entries } : undefined),
    migrate: (data) => {
      const legacy = isRecord(data) ? options.legacy?.(data) : undefined;
      return legacy && { entries: mapValues(legacy, (value) => ({ value })) };
    },
    maxChars: 1_000_000,
  });

  function read(now: number): Map<string, Entry<T>> {
    const found = new Map<string, Entry<T>>();
    for (const [key, entry] of Object.entries(storage.read()?.entries ?? {})) {
      if (!isRecord(entry)) continue;
      const value = parse(entry.value);
      const savedAt = typeof entry.savedAt === 'number' ? entry.savedAt : now;
      if (value !== undefined && !isEmpty(value) && now - savedAt < ttlMs) {
        found.set(key, { value, savedAt });
      }
    }
    return found;
  }

  function load(): Map<string, Entry<T>> {
    entries ??= read(Date.now());
    return entries;
  }

  function write(): void {
    clearTimeout(timer);
    timer = undefined;
    const kept = [...load()].sort(([, a], [, b]) => b.savedAt - a.savedAt).slice(0, maxEntries);
    // Refused (quota, too large, no storage): the draft lives for this page only.
    storage.write(kept.length === 0 ? undefined : { entries: Object.fromEntries(kept) });
  }

  function emit(): void {
    for (const listener of listeners) listener();
  }

  const flush = () => {
    if (timer !== undefined) write();
  };
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
  onResetModuleState(() => {
    clearTimeout(timer);
    timer = undefined;
    entries = null;
  });

  return {
    get: (key) => load().get(key)?.value ?? empty,
    set: (key, value) => {
      const all = load();
      if (isEmpty(value)) all.delete(key);
      else all.set(key, { value, savedAt: Date.now() });
      clearTimeout(timer);
      timer = setTimeout(write, SAVE_DELAY_MS);
      emit();
    },
    clear: (key) => {
      load().delete(key);
      write();
      emit();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
  };
}

/**
 * A draft as state: `[value, set, clear]`. Every view of the same draft shows the same value; a
 * pending write is flushed when the last view unmounts.
 */
export function useDraft<T>(
  store: DraftStore<T>,
  key: string,
): [T, (value: T) => void, () => void] {
  const value = useSyncExternalStore(store.subscribe, () => store.get(key));
  useEffect(() => store.flush, [store, key]);
  const set = useCallback((next: T) => store.set(key, next), [store, key]);
  const clear = useCallback(() => store.clear(key), [store, key]);
  return [value, set, clear];
}

/** A draft of several fields as form state: `[value, update(patch), clear]`. */
export function useDraftFields<T extends object>(
  store: DraftStore<T>,
  key: string,
): [T, (patch: Partial<T>) => void, () => void] {
  const [value, set, clear] = useDraft(store, key);
  const update = useCallback(
    (patch: Partial<T>) => set({ ...store.get(key), ...patch }),
    [store, key, set],
  );
  return [value, update, clear];
}
