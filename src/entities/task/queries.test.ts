import { QueryClient, type QueryState } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { recordRead } from '@/api/request-health';
import type { MeasuredTaskResult } from '@/api/results';
import { taskPath } from '@/api/tasks';
import { json, stubFetch } from '@/test/fetch-stub';
import { readTask, type CachedTask } from './cache';
import { taskKeys } from './keys';
import { refetchAt, taskQueries, type PolledQuery } from './queries';

const NOW = Date.parse('2026-05-11T12:00:00Z');
const TASK = 'task-1';

afterEach(() => vi.useRealTimers());

function state<T>(fields: Partial<QueryState<T, unknown>>): PolledQuery<T> {
  return {
    state: {
      data: undefined,
      dataUpdateCount: 1,
      dataUpdatedAt: NOW - 1_000,
      error: null,
      errorUpdateCount: 0,
      errorUpdatedAt: 0,
      fetchFailureCount: 0,
      fetchFailureReason: null,
      fetchMeta: null,
      isInvalidated: false,
      status: 'success',
      fetchStatus: 'idle',
      ...fields,
    },
  };
}

function failure(status: number) {
  return new ApiError({ kind: 'http', status, message: 'x', method: 'GET', path: '/p' });
}

describe('refetchAt', () => {
  it('waits for the due time, never sets a timer while a read is in flight', () => {
    expect(refetchAt(state({}), '/p', NOW + 2_000, NOW)).toBe(2_000);
    expect(refetchAt(state({}), '/p', NOW - 5, NOW)).toBe(50);
    expect(refetchAt(state({}), '/p', false, NOW)).toBe(false);
    expect(refetchAt(state({ fetchStatus: 'fetching' }), '/p', NOW + 2_000, NOW)).toBe(false);
  });

  it('after a failure, waits the backoff drawn when it was recorded: the same every time', () => {
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.9).mockReturnValue(0);
    recordRead('/p', failure(503));
    const failed = state({ errorUpdatedAt: NOW, error: failure(503) });
    expect(refetchAt(failed, '/p', NOW + 2_000, NOW)).toBe(900);
    // Asked again (a render, an update): not a new draw.
    expect(refetchAt(failed, '/p', NOW + 2_000, NOW)).toBe(900);
  });

  it('does not ask again after a 4xx: the request itself is wrong', () => {
    const failed = state({ errorUpdatedAt: NOW, error: failure(404) });
    expect(refetchAt(failed, '/p', NOW + 2_000, NOW)).toBe(false);
  });
});

describe('a live trace', () => {
  const interval = (
    data: Partial<MeasuredTaskResult>,
    fields: Partial<QueryState<MeasuredTaskResult, unknown>> = {},
  ) => {
    vi.useFakeTimers({ now: NOW });
    const options = taskQueries.result(TASK, { follow: true });
    const refetch = options.refetchInterval as (query: PolledQuery<MeasuredTaskResult>) => number;
    return refetch(
      state<MeasuredTaskResult>({
        data: { task: {}, feed: [], raw: {}, bytes: 0, downloadMs: 0, ...data },
        isInvalidated: true,
        ...fields,
      }),
    );
  };

  it('is read again when its task changed, no sooner than 2 s after its last read', () => {
    expect(interval({ bytes: 900_000, downloadMs: 300 })).toBe(1_000);
    expect(interval({ bytes: 900_000 }, { dataUpdatedAt: NOW - 5_000 })).toBe(50);
  });

  it('over 1 MB, no more often than ten times its last download took', () => {
    // A 3 MB feed that took 800 ms to download: every 8 s at most, not every 2 s.
    expect(interval({ bytes: 3_000_000, downloadMs: 800 })).toBe(7_000);
  });

  it('is not read again while nothing changed, nor while Live is off', () => {
    expect(interval({ bytes: 10 }, { isInvalidated: false })).toBe(false);
    expect(taskQueries.result(TASK, { follow: false }).refetchInterval).toBe(false);
  });
});

describe('the live refresh', () => {
  const live = (id: string, status = 'running'): CachedTask => ({
    task_id: id,
    status,
    created_at: new Date(NOW - Number(id.slice(1)) * 1000).toISOString(),
    updated_at: new Date(NOW).toISOString(),
  });

  it('walks every page of live tasks, and learns how the ones that left it ended', async () => {
    const tasks = Array.from({ length: 150 }, (_, i) => live(`t${i + 1}`));
    let ended = false;
    const { requests } = stubFetch((request) => {
      const params = request.url.searchParams;
      const statuses = params.get('status') ?? '';
      const pool = tasks.map((task) =>
        ended
          ? { ...task, status: 'completed', updated_at: new Date(NOW + 9).toISOString() }
          : task,
      );
      const rows = pool.filter((task) => statuses.split(',').includes(task.status ?? ''));
      const start = Number(params.get('cursor') ?? 0);
      const more = start + 100 < rows.length;
      return json({
        data: rows.slice(start, start + 100),
        has_more: more,
        next_cursor: more ? String(start + 100) : null,
      });
    });
    const client = new QueryClient();
    const options = taskQueries.live(() => false);
    await client.fetchQuery(options);
    expect(requests).toHaveLength(2);
    expect(readTask(client, 't150')?.status).toBe('running');

    ended = true;
    await client.fetchQuery({ ...options, staleTime: 0 });
    // One walk of the live set (now empty), then one of those that ended: not 150 reads.
    await vi.waitFor(() => expect(readTask(client, 't150')?.status).toBe('completed'));
    expect(readTask(client, 't1')?.status).toBe('completed');
    expect(requests.filter((r) => r.url.pathname !== '/api/v1/tasks')).toEqual([]);
    expect(requests.length).toBeLessThanOrEqual(2 + 1 + 2);
  });

  it('reads once a task whose list item says no status, then never again while unchanged', async () => {
    const { requests } = stubFetch((request) =>
      request.url.pathname === '/api/v1/tasks'
        ? json({ data: [{ task_id: 'q1', updated_at: '2026-05-11T11:00:00Z' }], has_more: false })
        : json({ task_id: 'q1', status: 'waiting_for_input', updated_at: '2026-05-11T11:00:00Z' }),
    );
    const client = new QueryClient();
    const options = taskQueries.live(() => false);
    await client.fetchQuery(options);
    await vi.waitFor(() => expect(readTask(client, 'q1')?.status).toBe('waiting_for_input'));
    await client.fetchQuery({ ...options, staleTime: 0 });
    await client.fetchQuery({ ...options, staleTime: 0 });
    expect(requests.filter((r) => r.url.pathname === taskPath('q1'))).toHaveLength(1);
    expect(client.getQueryData(taskKeys.needsYou())).toEqual({ ids: ['q1'] });
  });
});

/** The interval the page's poller asks for right after a read of `task` at NOW. */
function watchedInterval(task: CachedTask, lastActionAt: number | undefined): number | false {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const options = taskQueries.watched(TASK, () => lastActionAt);
  const refetch = options.refetchInterval as (query: PolledQuery<CachedTask>) => number | false;
  return refetch(state({ data: task, dataUpdatedAt: NOW }));
}

describe('the task page poller after the person acts', () => {
  // Ten minutes old: past the first minute, so the ladder alone says 5 s while it waits.
  const waiting: CachedTask = {
    task_id: TASK,
    status: 'waiting_for_input',
    created_at: new Date(NOW - 10 * 60_000).toISOString(),
  };

  it('polls every second for ten seconds after the person acts', () => {
    expect(watchedInterval(waiting, undefined)).toBe(5_000);
    expect(watchedInterval(waiting, NOW)).toBe(1_000);
    expect(watchedInterval(waiting, NOW - 9_999)).toBe(1_000);
  });

  it('returns to the ladder once the ten seconds are over', () => {
    expect(watchedInterval(waiting, NOW - 10_000)).toBe(5_000);
    expect(watchedInterval(waiting, NOW - 11_000)).toBe(5_000);
    expect(watchedInterval({ ...waiting, status: 'running' }, NOW - 11_000)).toBe(10_000);
  });

  it('never polls a finished task, even inside the window', () => {
    expect(watchedInterval({ ...waiting, status: 'completed' }, NOW)).toBe(false);
  });
});
