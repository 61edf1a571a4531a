import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetModuleState } from '@/lib/module-state';
import { REPLY_DRAFTS_KEY, replyDrafts, useReplyDraft } from './reply-draft';

function save(taskId: string, text: string) {
  replyDrafts.set(taskId, text);
  replyDrafts.flush();
}

beforeEach(() => {
  localStorage.clear();
  resetModuleState();
});

describe('reply drafts', () => {
  it('keeps one draft per task, across a reload', () => {
    save('t1', 'first');
    save('t2', 'second');
    resetModuleState();
    expect(replyDrafts.get('t1')).toBe('first');
    expect(replyDrafts.get('t2')).toBe('second');
    expect(replyDrafts.get('t3')).toBe('');
  });

  it('removes a blank draft', () => {
    save('t1', 'x');
    save('t1', '   ');
    expect(replyDrafts.get('t1')).toBe('');
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
    expect(replyDrafts.get('t1')).toBe('Use the second');
  });

  it('clears the box and storage when the text is sent', () => {
    save('t1', 'Use the second');
    const { result } = renderHook(() => useReplyDraft('t1'));
    expect(result.current[0]).toBe('Use the second');
    act(() => result.current[2]());
    expect(result.current[0]).toBe('');
    resetModuleState();
    expect(replyDrafts.get('t1')).toBe('');
  });
});
