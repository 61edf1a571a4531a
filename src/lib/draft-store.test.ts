import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftStore, useDraft } from './draft-store';
import { resetModuleState } from './module-state';

const KEY = 'test:drafts';

function newStore(options: { maxEntries?: number; ttlMs?: number } = {}) {
  return createDraftStore<string>({
    storageKey: KEY,
    empty: '',
    isEmpty: (text) => text.trim() === '',
    parse: (raw) => (typeof raw === 'string' ? raw : undefined),
    legacy: (stored) => (stored.version === 1 ? { a: stored.text } : undefined),
    ...options,
  });
}

/** What storage holds for `key`, as a fresh page would read it. */
function stored(key: string): unknown {
  const raw = localStorage.getItem(KEY);
  if (raw === null) return undefined;
  return (JSON.parse(raw) as { entries: Record<string, { value: unknown }> }).entries[key]?.value;
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('a draft store', () => {
  it('writes after a pause in typing, and at once when the page is left', () => {
    vi.useFakeTimers();
    const store = newStore();
    store.set('a', 'Use the');
    expect(store.get('a')).toBe('Use the');
    expect(stored('a')).toBeUndefined();
    vi.advanceTimersByTime(300);
    expect(stored('a')).toBe('Use the');

    store.set('a', 'Use the second');
    window.dispatchEvent(new Event('pagehide'));
    expect(stored('a')).toBe('Use the second');
  });

  it('clears at once, and a write still pending cannot bring the draft back', () => {
    vi.useFakeTimers();
    const store = newStore();
    store.set('a', 'typed just before Run');
    store.clear('a');
    vi.advanceTimersByTime(1_000);
    expect(store.get('a')).toBe('');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('reads what a page before it stored, in this version or the one before', () => {
    newStore().set('a', 'kept');
    window.dispatchEvent(new Event('pagehide'));
    resetModuleState();
    expect(newStore().get('a')).toBe('kept');

    localStorage.setItem(KEY, JSON.stringify({ version: 1, text: 'from version 1' }));
    expect(newStore().get('a')).toBe('from version 1');
    localStorage.setItem(KEY, JSON.stringify({ version: 7, entries: { a: { value: 'x' } } }));
    expect(newStore().get('a')).toBe('');
    localStorage.setItem(KEY, 'damaged');
    expect(newStore().get('a')).toBe('');
  });

  it('forgets drafts past their age, and keeps only the newest few', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = newStore({ maxEntries: 2, ttlMs: 10_000 });
    for (const key of ['a', 'b', 'c']) {
      store.set(key, key);
      vi.advanceTimersByTime(1);
    }
    window.dispatchEvent(new Event('pagehide'));
    expect([stored('a'), stored('b'), stored('c')]).toEqual([undefined, 'b', 'c']);
    vi.advanceTimersByTime(10_000);
    expect(newStore({ ttlMs: 10_000 }).get('c')).toBe('');
  });

  it('is best-effort when storage throws', () => {
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const store = newStore();
    expect(() => {
      store.set('a', 'x');
      store.flush();
    }).not.toThrow();
    expect(store.get('a')).toBe('x');
    spy.mockRestore();
  });

  it('shows every view of a draft the same text, however it changed', () => {
    const store = newStore();
    const one = renderHook(() => useDraft(store, 'a'));
    const two = renderHook(() => useDraft(store, 'a'));
    act(() => one.result.current[1]('shared'));
    expect(two.result.current[0]).toBe('shared');
    act(() => store.clear('a'));
    expect(one.result.current[0]).toBe('');
    expect(two.result.current[0]).toBe('');
  });

  it('writes a pending edit when its last view unmounts', () => {
    vi.useFakeTimers();
    const store = newStore();
    const view = renderHook(() => useDraft(store, 'a'));
    act(() => view.result.current[1]('the total'));
    view.unmount();
    expect(stored('a')).toBe('the total');
  });
});
