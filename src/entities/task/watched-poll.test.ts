/** A task page's poller (`taskQueries.watched`) around the person's action: the fast window
 *  opens with the action and closes ten seconds later. */
import type { QueryState } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedTask } from './cache';
import { taskQueries, type PolledQuery } from './queries';

const NOW = Date.parse('2026-05-11T12:00:00Z');
const TASK = 'watched-1';

afterEach(() => vi.useRealTimers());

/** The interval the poller asks for, read at NOW right after a read of `task` at NOW. */
function interval(task: CachedTask, lastActionAt: number | undefined): number | false {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const options = taskQueries.watched(TASK, () => lastActionAt);
  const refetch = options.refetchInterval as (query: PolledQuery<CachedTask>) => number | false;
  const state = {
    data: task,
    dataUpdateCount: 1,
    dataUpdatedAt: NOW,
    error: null,
    errorUpdateCount: 0,
    errorUpdatedAt: 0,
    fetchFailureCount: 0,
    fetchFailureReason: null,
    fetchMeta: null,
    isInvalidated: false,
    status: 'success',
    fetchStatus: 'idle',
  } satisfies QueryState<CachedTask, unknown>;
  return refetch({ state });
}

describe('the task page poller after the person acts', () => {
  // Ten minutes old: past the first minute, so the ladder alone says 5 s while it waits.
  const waiting: CachedTask = {
    task_id: TASK,
    status: 'waiting_for_input',
    created_at: new Date(NOW - 10 * 60_000).toISOString(),
  };

  it('polls every second for ten seconds after the person acts', () => {
    expect(interval(waiting, undefined)).toBe(5_000);
    expect(interval(waiting, NOW)).toBe(1_000);
    expect(interval(waiting, NOW - 9_999)).toBe(1_000);
  });

  it('returns to the ladder once the ten seconds are over', () => {
    expect(interval(waiting, NOW - 10_000)).toBe(5_000);
    expect(interval(waiting, NOW - 11_000)).toBe(5_000);
    expect(interval({ ...waiting, status: 'running' }, NOW - 11_000)).toBe(10_000);
  });

  it('never polls a finished task, even inside the window', () => {
    expect(interval({ ...waiting, status: 'completed' }, NOW)).toBe(false);
  });
});
