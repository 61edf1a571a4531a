import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addToOutbox,
  findOutboxEntry,
  outboxEntries,
  outboxError,
  removeFromOutbox,
  REPLY_OUTBOX_KEY,
  REPLY_OUTBOX_TTL_MS,
  resetOutboxForTests,
  subscribeOutbox,
  updateOutboxEntry,
} from './reply-outbox';

/** What a fresh page sees: memory gone, storage kept. */
function reload() {
  resetOutboxForTests();
}

beforeEach(() => {
  localStorage.clear();
  resetOutboxForTests();
});

describe('reply outbox', () => {
  it('keeps a reply per task, and the same snapshot until something changes', () => {
    const entry = addToOutbox({ taskId: 't1', text: 'Use the second total', baseline: 0 });
    addToOutbox({ taskId: 't2', text: 'Other', baseline: undefined });
    const first = outboxEntries('t1');
    expect(first).toEqual([entry]);
    expect(outboxEntries('t1')).toBe(first);
    expect(outboxEntries('t3')).toEqual([]);
    updateOutboxEntry(entry.id, { phase: 'failed' });
    expect(outboxEntries('t1')).not.toBe(first);
  });

  it('tells subscribers about changes', () => {
    const listener = vi.fn();
    const stop = subscribeOutbox(listener);
    const entry = addToOutbox({ taskId: 't1', text: 'a', baseline: undefined });
    removeFromOutbox(entry.id);
    stop();
    addToOutbox({ taskId: 't1', text: 'b', baseline: undefined });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('survives a reload; a reply that was being sent comes back unsettled', () => {
    const sending = addToOutbox({ taskId: 't1', text: 'in flight', baseline: 2 });
    const refused = addToOutbox({ taskId: 't1', text: 'refused', baseline: 0 });
    updateOutboxEntry(refused.id, { phase: 'failed', unsettled: false }, new Error('400'));
    const accepted = addToOutbox({ taskId: 't1', text: 'accepted', baseline: 0 });
    updateOutboxEntry(accepted.id, { phase: 'sent' });
    expect(outboxError(refused.id)).toBeInstanceOf(Error);

    reload();
    const entries = outboxEntries('t1');
    expect(entries.map((entry) => [entry.text, entry.phase, entry.unsettled])).toEqual([
      ['in flight', 'failed', true],
      ['refused', 'failed', false],
    ]);
    expect(entries[0]?.baseline).toBe(2);
    expect(entries[0]?.id).toBe(sending.id);
    // Errors are not stored: after a reload the view says "not confirmed" in its own words.
    expect(outboxError(refused.id)).toBeUndefined();
  });

  it('finds a reply by its text, whitespace aside', () => {
    const entry = addToOutbox({ taskId: 't1', text: 'Use  the\nsecond', baseline: undefined });
    expect(findOutboxEntry('t1', 'Use the second')?.id).toBe(entry.id);
    expect(findOutboxEntry('t2', 'Use the second')).toBeUndefined();
  });

  it('drops entries older than a day, and anything written by another version', () => {
    addToOutbox(
      { taskId: 't1', text: 'old', baseline: undefined },
      Date.now() - REPLY_OUTBOX_TTL_MS,
    );
    reload();
    expect(outboxEntries('t1')).toEqual([]);

    localStorage.setItem(REPLY_OUTBOX_KEY, JSON.stringify({ version: 99, entries: [{}] }));
    reload();
    expect(outboxEntries('t1')).toEqual([]);
    localStorage.setItem(REPLY_OUTBOX_KEY, '{not json');
    reload();
    expect(outboxEntries('t1')).toEqual([]);
  });

  it('works in memory when storage throws', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const entry = addToOutbox({ taskId: 't1', text: 'kept in memory', baseline: undefined });
    expect(outboxEntries('t1')).toEqual([entry]);
    setItem.mockRestore();
  });

  it('reads what another tab wrote, keeping the replies this page is sending', () => {
    const mine = addToOutbox({ taskId: 't1', text: 'mine, in flight', baseline: undefined });
    const stored = {
      version: 1,
      entries: [
        { ...mine, phase: 'failed', unsettled: true },
        { ...mine, id: 'other', text: 'from the other tab', phase: 'failed', unsettled: false },
      ],
    };
    localStorage.setItem(REPLY_OUTBOX_KEY, JSON.stringify(stored));
    window.dispatchEvent(new StorageEvent('storage', { key: REPLY_OUTBOX_KEY }));
    expect(outboxEntries('t1').map((entry) => [entry.text, entry.phase])).toEqual([
      ['mine, in flight', 'sending'],
      ['from the other tab', 'failed'],
    ]);
  });
});
