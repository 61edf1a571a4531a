import { afterEach, describe, expect, it, vi } from 'vitest';
import { stored, storedRecords } from './stored';

const KEY = 'test:stored';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

const note = (options: { maxChars?: number; area?: 'local' | 'session' } = {}) =>
  stored<{ text: string }>({
    key: KEY,
    version: 2,
    parse: (data) => (typeof data.text === 'string' ? { text: data.text } : undefined),
    migrate: (data, raw) => (typeof data !== 'object' ? { text: raw } : undefined),
    ...options,
  });

describe('a stored value', () => {
  it('is written with its version and read back', () => {
    expect(note().write({ text: 'hello' })).toBe(true);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '')).toEqual({ text: 'hello', version: 2 });
    expect(note().read()).toEqual({ text: 'hello' });
    note().write(undefined);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(note().read()).toBeNull();
  });

  it('migrates what an earlier version stored, and drops what it cannot read', () => {
    localStorage.setItem(KEY, 'bare text');
    expect(note().read()).toEqual({ text: 'bare text' });
    for (const raw of ['{"version":3,"text":"x"}', '{"version":2,"text":5}', '{"text":"x"}']) {
      localStorage.setItem(KEY, raw);
      expect(note().read()).toBeNull();
      expect(localStorage.getItem(KEY)).toBeNull();
    }
  });

  it('keeps to its size cap, when writing and when reading', () => {
    expect(note({ maxChars: 40 }).write({ text: 'x'.repeat(50) })).toBe(false);
    expect(localStorage.getItem(KEY)).toBeNull();
    note().write({ text: 'x'.repeat(50) });
    expect(note({ maxChars: 40 }).read()).toBeNull();
  });

  it('uses sessionStorage when asked', () => {
    note({ area: 'session' }).write({ text: 'tab only' });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(note({ area: 'session' }).read()).toEqual({ text: 'tab only' });
  });

  it('says when storage is unavailable, and never throws', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('denied');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(note().read()).toBeUndefined();
    expect(note().write({ text: 'x' })).toBe(false);
  });
});

describe('stored records', () => {
  const times = () =>
    storedRecords<number>({
      key: KEY,
      version: 1,
      field: 'tasks',
      isValue: (value): value is number => typeof value === 'number',
      madeAt: (at) => at,
      maxEntries: 2,
    });

  it('keeps the newest records, drops unreadable ones, and knows nothing of Object’s names', () => {
    localStorage.setItem(KEY, JSON.stringify({ version: 1, tasks: { a: 1, b: 'x' } }));
    const records = times();
    expect(records.all()).toEqual({ a: 1 });
    records.set('c', 3);
    records.set('d', 2);
    expect(records.all()).toEqual({ c: 3, d: 2 });
    records.reload();
    expect(records.get('c')).toBe(3);
    expect(records.get('constructor')).toBeUndefined();
    expect(records.get('__proto__')).toBeUndefined();
  });
});

describe('retired keys', () => {
  it('are removed when the module loads', async () => {
    localStorage.setItem('agent-console:task-transitions', '{}');
    vi.resetModules();
    await import('./stored');
    expect(localStorage.getItem('agent-console:task-transitions')).toBeNull();
  });
});
