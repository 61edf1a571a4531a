import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DRAFT_TTL_MS,
  loadReplyDraft,
  MAX_DRAFTS,
  REPLY_DRAFTS_KEY,
  saveReplyDraft,
  useReplyDraft,
} from './reply-draft';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('reply drafts', () => {
  it('keeps one draft per task', () => {
    saveReplyDraft('t1', 'first');
    saveReplyDraft('t2', 'second');
    expect(loadReplyDraft('t1')).toBe('first');
    expect(loadReplyDraft('t2')).toBe('second');
    expect(loadReplyDraft('t3')).toBe('');
  });

  it('removes a blank draft', () => {
    saveReplyDraft('t1', 'x');
    saveReplyDraft('t1', '   ');
    expect(loadReplyDraft('t1')).toBe('');
    expect(localStorage.getItem(REPLY_DRAFTS_KEY)).toBeNull();
  });

  it('forgets drafts a month old, and keeps only the newest few', () => {
    const now = Date.now();
    saveReplyDraft('old', 'x', now - DRAFT_TTL_MS);
    expect(loadReplyDraft('old', now)).toBe('');
    for (let index = 0; index <= MAX_DRAFTS; index++) saveReplyDraft(`t${index}`, 'x', now + index);
    expect(loadReplyDraft('t0', now + MAX_DRAFTS)).toBe('');
    expect(loadReplyDraft(`t${MAX_DRAFTS}`, now + MAX_DRAFTS)).toBe('x');
  });

  it('reads nothing from a draft of another version or a damaged one', () => {
    localStorage.setItem(REPLY_DRAFTS_KEY, JSON.stringify({ version: 2, drafts: { t1: 'x' } }));
    expect(loadReplyDraft('t1')).toBe('');
    localStorage.setItem(REPLY_DRAFTS_KEY, 'nope');
    expect(loadReplyDraft('t1')).toBe('');
  });

  it('is best-effort when storage throws', () => {
    const spy = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(loadReplyDraft('t1')).toBe('');
    expect(() => saveReplyDraft('t1', 'x')).not.toThrow();
    spy.mockRestore();
  });

  it('saves after a pause in typing, on unmount, and clears on send', () => {
    vi.useFakeTimers();
    const { result, unmount } = renderHook(() => useReplyDraft('t1'));
    act(() => result.current[1]('Use the'));
    expect(loadReplyDraft('t1')).toBe('');
    act(() => {
      vi.advanceTimersByTime(400);
    });
    expect(loadReplyDraft('t1')).toBe('Use the');

    act(() => result.current[1]('Use the second'));
    unmount();
    expect(loadReplyDraft('t1')).toBe('Use the second');

    const again = renderHook(() => useReplyDraft('t1'));
    expect(again.result.current[0]).toBe('Use the second');
    act(() => again.result.current[2]());
    expect(again.result.current[0]).toBe('');
    expect(loadReplyDraft('t1')).toBe('');
  });
});
