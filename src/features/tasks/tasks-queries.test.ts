import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { recordRead } from '@/api/request-health';
import { json, stubFetch } from '@/test/fetch-stub';
import { readTask, writeTasks, type CachedTask } from './task-cache';
import { seedStartedTask, taskKeys, taskQueries, taskResource } from './tasks-queries';
import { recordAction } from './watch-registry';

const TASK = '99999999-9999-4999-8999-999999999999';
const AGENT = '11111111-1111-4111-8111-111111111111';

afterEach(() => vi.useRealTimers());

function task(overrides: Partial<CachedTask> = {}): CachedTask {
  return {
    task_id: TASK,
    agent_id: AGENT,
    status: 'running',
    created_at: new Date(Date.now() - 30_000).toISOString(),
    updated_at: new Date().toISOString(),
    ...overrides,
  };
}

/** The watched poller's interval for a task in the cache. */
function interval(data: CachedTask | undefined): number | false | undefined {
  const options = taskQueries.watched(TASK);
  const refetchInterval = options.refetchInterval as (query: {
    state: { data: CachedTask | undefined };
  }) => number | false;
  return refetchInterval({ state: { data } });
}

describe('seedStartedTask', () => {
  it('puts the new task in the cache from the run response and marks task lists stale', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(taskKeys.lists(), { data: [] });
    seedStartedTask(
      queryClient,
      { task_id: TASK, status: 'pending', created_at: '2026-05-11T10:15:00Z', message: 'ok' },
      AGENT,
    );
    expect(readTask(queryClient, TASK)).toEqual({
      task_id: TASK,
      agent_id: AGENT,
      status: 'pending',
      created_at: '2026-05-11T10:15:00Z',
      updated_at: '2026-05-11T10:15:00Z',
    });
    await Promise.resolve();
    expect(queryClient.getQueryState(taskKeys.lists())?.isInvalidated).toBe(true);
  });
});

describe('the task page poller', () => {
  it('follows the ladder and stops for good once the task is terminal', () => {
    expect(interval(task({ created_at: new Date().toISOString() }))).toBe(1_000);
    expect(interval(task())).toBe(2_000);
    expect(interval(task({ status: 'waiting_for_input' }))).toBe(5_000);
    expect(interval(task({ status: 'completed' }))).toBe(false);
  });

  it('polls every second for ten seconds after the person acts', () => {
    recordAction(TASK);
    expect(interval(task({ status: 'waiting_for_input' }))).toBe(1_000);
    recordAction(TASK, Date.now() - 11_000);
  });

  it('backs off while the task’s reads fail, and returns to the ladder after a success', () => {
    const failure = new ApiError({
      kind: 'network',
      status: 0,
      message: 'x',
      method: 'GET',
      path: '',
    });
    recordRead(taskResource(TASK), failure);
    recordRead(taskResource(TASK), failure);
    recordRead(taskResource(TASK), failure);
    const delay = interval(task());
    expect(delay).toBeGreaterThanOrEqual(250);
    expect(delay).toBeLessThanOrEqual(5_000);
    recordRead(taskResource(TASK), undefined);
    expect(interval(task())).toBe(2_000);
  });
});

describe('the live refresh', () => {
  it('asks for every live task in one request and writes them to the cache', async () => {
    const client = new QueryClient();
    const { requests } = stubFetch(() =>
      json({ data: [task({ status: 'waiting_for_input' })], has_more: false, next_cursor: null }),
    );
    await client.fetchQuery(taskQueries.live(() => []));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.searchParams.get('status')).toBe(
      'pending,queued,running,waiting_for_input,awaiting_review',
    );
    expect(readTask(client, TASK)?.status).toBe('waiting_for_input');
  });

  it('reads a task that left the live set once, to learn how it ended, and never again', async () => {
    const client = new QueryClient();
    let live = [task()];
    const { requests } = stubFetch((request) =>
      request.url.pathname === '/api/v1/tasks'
        ? json({ data: live, has_more: false, next_cursor: null })
        : json(
            task({ status: 'completed', updated_at: new Date(Date.now() + 1000).toISOString() }),
          ),
    );
    const options = { ...taskQueries.live(() => []), staleTime: 0 };
    await client.fetchQuery(options);
    live = [];
    await client.fetchQuery(options);
    await vi.waitFor(() => expect(readTask(client, TASK)?.status).toBe('completed'));
    await client.fetchQuery(options);
    await client.fetchQuery(options);
    const detailReads = requests.filter((r) => r.url.pathname === `/api/v1/tasks/${TASK}`);
    expect(detailReads).toHaveLength(1);
  });
});

describe('a task read racing another read', () => {
  it('keeps what a read that landed meanwhile learned (the list’s agent name)', async () => {
    const client = new QueryClient();
    let answer: (response: Response) => void = () => {};
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const reading = client.fetchQuery(taskQueries.detail(TASK));
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'));
    // While the detail read is out, a list page brings the agent's name.
    writeTasks(client, [task({ agent_name: 'Document Summarizer' })]);
    answer(
      json(task({ status: 'completed', updated_at: new Date(Date.now() + 5_000).toISOString() })),
    );
    await reading;
    expect(readTask(client, TASK)).toMatchObject({
      status: 'completed',
      agent_name: 'Document Summarizer',
    });
  });
});
