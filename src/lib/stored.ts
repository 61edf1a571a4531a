/** The one way the console keeps data in Web Storage: a fixed key, a versioned envelope, a size
 *  cap, and reads that parse or drop. Best-effort: where storage throws, memory is all there is. */
import { onResetModuleState } from './module-state';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface StoredOptions<T extends object> {
  key: string;
  /** Kept in the stored object beside `T`'s fields; another version's object is not parsed. */
  version: number;
  /** This version's stored object as `T`, or undefined to drop it. */
  parse: (stored: Record<string, unknown>) => T | undefined;
  /** What an earlier version stored (as JSON, else undefined; and as text) as `T`, or undefined
   *  to drop it. */
  migrate?: (stored: unknown, raw: string) => T | undefined;
  /** The longest text kept (UTF-16 units): a longer value is not written, nor read. */
  maxChars?: number;
  area?: 'local' | 'session';
}

export interface Stored<T> {
  /** The stored value; `null` when there is none (or none readable, which is dropped), and
   *  `undefined` when storage itself is unavailable. */
  read: () => T | null | undefined;
  /** Stores `value`, or removes it (`undefined`); false when it was not stored. */
  write: (value: T | undefined) => boolean;
}

const DEFAULT_MAX_CHARS = 200_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function stored<T extends object>(options: StoredOptions<T>): Stored<T> {
  const { key, version, parse, migrate, maxChars = DEFAULT_MAX_CHARS, area = 'local' } = options;
  const storage = () => (area === 'session' ? sessionStorage : localStorage);
  const remove = () => {
    try {
      storage().removeItem(key);
    } catch {
      // Unavailable storage holds nothing to remove.
    }
  };

  return {
    read: () => {
      let raw: string | null;
      try {
        raw = storage().getItem(key);
      } catch {
        return undefined;
      }
      if (raw === null) return null;
      let value: T | undefined;
      if (raw.length <= maxChars) {
        const data = parseJson(raw);
        value = isRecord(data) && data.version === version ? parse(data) : migrate?.(data, raw);
      }
      if (value !== undefined) return value;
      remove(); // damaged, too large, or of a version no longer read
      return null;
    },
    write: (value) => {
      if (value === undefined) {
        remove();
        return true;
      }
      const text = JSON.stringify({ ...value, version });
      if (text.length > maxChars) return false;
      try {
        storage().setItem(key, text);
        return true;
      } catch {
        return false; // quota, or storage disabled
      }
    },
  };
}

export interface StoredRecordsOptions<V> {
  key: string;
  version: number;
  /** The stored object's field that holds the records. */
  field: string;
  isValue: (value: unknown) => value is V;
  /** When a record was made (epoch ms): past `maxEntries`, the oldest go first. */
  madeAt: (value: V) => number;
  maxEntries: number;
  maxChars?: number;
}

export interface StoredRecords<V> {
  get: (id: string) => V | undefined;
  set: (id: string, value: V) => void;
  /** Every record, by id. */
  all: () => Readonly<Record<string, V>>;
  /** Forgets the copy in memory (tests, or another tab's writes). */
  reload: () => void;
}

/** Records by id (a task id, say), read once per page and capped to the newest. */
export function storedRecords<V>(options: StoredRecordsOptions<V>): StoredRecords<V> {
  const { field, isValue, madeAt, maxEntries } = options;
  const store = stored<Record<string, Record<string, V>>>({
    ...options,
    parse: (data) => {
      const records = data[field];
      if (!isRecord(records)) return undefined;
      const kept = Object.entries(records).filter((entry): entry is [string, V] =>
        isValue(entry[1]),
      );
      return { [field]: Object.fromEntries(kept) };
    },
  });
  let cache: Record<string, V> | null = null;
  const all = () => (cache ??= store.read()?.[field] ?? {});
  const reload = onResetModuleState(() => {
    cache = null;
  });

  return {
    // An id comes from the URL or the API: `constructor` must not find `Object`.
    get: (id) => (Object.hasOwn(all(), id) ? all()[id] : undefined),
    set: (id, value) => {
      cache = Object.fromEntries(
        Object.entries({ ...all(), [id]: value })
          .sort(([, a], [, b]) => madeAt(b) - madeAt(a))
          .slice(0, maxEntries),
      );
      store.write({ [field]: cache });
    },
    all,
    reload,
  };
}

/** Keys earlier versions wrote that nothing reads any more. */
const RETIRED_KEYS = ['agent-console:task-transitions'];
try {
  for (const key of RETIRED_KEYS) localStorage.removeItem(key);
} catch {
  // No storage: nothing was kept.
}
