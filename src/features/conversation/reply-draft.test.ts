import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetModuleState } from '@/lib/module-state';
import { loadReplyDraft, REPLY_DRAFTS_KEY, saveReplyDraft, useReplyDraft } from './reply-draft';

beforeEach(() => {
  localStorage.clear();
  resetModuleState();
});

describe('reply drafts', () => {
  it('keeps one draft per task, across a reload', () => {
    saveReplyDraft('t1', 'first');
    saveReplyDraft('t2', 'second');
    resetModuleState();
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

  it('reads the drafts an earlier version kept', () => {
    localStorage.setItem(
      REPLY_DRAFTS_KEY,
      JSON.stringify({
        version: 1,
        drafts: { t1: { text: 'Use the second', savedAt: Date.now() } },
      }),
    );
    expect(loadReplyDraft('t1')).toBe('Use the second');
  });

  it('clears the box and storage when the text is sent', () => {
    saveReplyDraft('t1', 'Use the second');
    const { result } = renderHook(() => useReplyDraft('t1'));
    expect(result.current[0]).toBe('Use the second');
    act(() => result.current[2]());
    expect(result.current[0]).toBe('');
    resetModuleState();
    expect(loadReplyDraft('t1')).toBe('');
  });
});
