import { act, render, renderHook } from '@testing-library/react';
import { createElement, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EMPTY_RUN_DRAFT,
  RUN_DRAFT_KEY,
  clearRunDraft,
  loadRunDraft,
  saveRunDraft,
  useRunDraft,
  type RunDraft,
} from './run-draft';

const draft: RunDraft = {
  query: 'Extract the totals',
  outputSchema: '{"total": "number"}',
  instructions: 'Dates as YYYY-MM-DD',
  plainLanguage: true,
};

const stored = () => localStorage.getItem(RUN_DRAFT_KEY);

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('loadRunDraft / saveRunDraft / clearRunDraft', () => {
  it('round-trips a draft under a versioned key', () => {
    saveRunDraft(draft);
    expect(JSON.parse(stored()!)).toEqual({ version: 1, draft });
    expect(loadRunDraft()).toEqual(draft);
    clearRunDraft();
    expect(stored()).toBeNull();
    expect(loadRunDraft()).toBeNull();
  });

  it('removes the entry instead of storing an empty draft', () => {
    saveRunDraft(draft);
    saveRunDraft(EMPTY_RUN_DRAFT);
    expect(stored()).toBeNull();
  });

  it.each([
    ['malformed JSON', '{"version": 1, "draft": {'],
    ['another version', JSON.stringify({ version: 2, draft })],
    ['an unversioned value', JSON.stringify(draft)],
    ['a non-object draft', JSON.stringify({ version: 1, draft: 'hello' })],
  ])('ignores %s', (_, raw) => {
    localStorage.setItem(RUN_DRAFT_KEY, raw);
    expect(loadRunDraft()).toBeNull();
  });

  it('keeps the readable fields of a partly damaged draft', () => {
    localStorage.setItem(
      RUN_DRAFT_KEY,
      JSON.stringify({
        version: 1,
        draft: { query: 'keep me', outputSchema: 42, plainLanguage: 'yes' },
      }),
    );
    expect(loadRunDraft()).toEqual({ ...EMPTY_RUN_DRAFT, query: 'keep me' });
  });

  it('survives storage that throws (quota, disabled storage)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => saveRunDraft(draft)).not.toThrow();
    expect(() => clearRunDraft()).not.toThrow();
    expect(loadRunDraft()).toBeNull();
    const { result } = renderHook(() => useRunDraft());
    expect(result.current[0]).toEqual(EMPTY_RUN_DRAFT);
  });
});

describe('useRunDraft', () => {
  it('starts from the stored draft', () => {
    saveRunDraft(draft);
    const { result } = renderHook(() => useRunDraft());
    expect(result.current[0]).toEqual(draft);
  });

  it('applies patches at once and persists them after a pause in typing', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useRunDraft());
    act(() => result.current[1]({ query: 'Sum' }));
    act(() => result.current[1]({ query: 'Sum the totals' }));
    expect(result.current[0]).toEqual({ ...EMPTY_RUN_DRAFT, query: 'Sum the totals' });
    expect(stored()).toBeNull();

    act(() => {
      vi.advanceTimersByTime(299);
    });
    expect(stored()).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(loadRunDraft()).toEqual({ ...EMPTY_RUN_DRAFT, query: 'Sum the totals' });
  });

  it('writes a pending edit at once when the page is being left (reload)', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useRunDraft());
    act(() => result.current[1]({ instructions: 'Skip header rows' }));
    window.dispatchEvent(new Event('pagehide'));
    expect(loadRunDraft()?.instructions).toBe('Skip header rows');
  });

  it('writes a pending edit when the form unmounts', () => {
    vi.useFakeTimers();
    const { result, unmount } = renderHook(() => useRunDraft());
    act(() => result.current[1]({ outputSchema: 'the total' }));
    unmount();
    expect(loadRunDraft()?.outputSchema).toBe('the total');
  });

  it('clear() empties the form and storage, and a write still pending cannot bring it back', () => {
    vi.useFakeTimers();
    saveRunDraft(draft);
    const { result, unmount } = renderHook(() => useRunDraft());
    act(() => result.current[1]({ query: 'typed just before Run' }));
    act(() => result.current[2]());

    expect(result.current[0]).toEqual(EMPTY_RUN_DRAFT);
    expect(stored()).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    unmount();
    expect(stored()).toBeNull();
  });

  it('a clear() in the same update that unmounts the form (run → navigate) stays cleared', () => {
    vi.useFakeTimers();
    type Api = ReturnType<typeof useRunDraft>;
    const handles: { api?: Api; leave?: () => void } = {};
    function Form() {
      const api = useRunDraft();
      handles.api = api;
      return null;
    }
    function Page() {
      const [open, setOpen] = useState(true);
      handles.leave = () => setOpen(false);
      return open ? createElement(Form) : null;
    }
    render(createElement(Page));
    act(() => handles.api?.[1]({ query: 'typed just before Run' }));
    act(() => {
      handles.api?.[2]();
      handles.leave?.();
    });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(stored()).toBeNull();
  });
});
