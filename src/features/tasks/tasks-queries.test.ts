import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { seedStartedTask, taskKeys } from './tasks-queries';

describe('seedStartedTask', () => {
  it('puts the new task in the cache from the run response and marks task lists stale', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(taskKeys.lists(), { data: [] });
    seedStartedTask(
      queryClient,
      {
        task_id: '99999999-9999-4999-8999-999999999999',
        status: 'pending',
        created_at: '2026-05-11T10:15:00Z',
      },
      '11111111-1111-4111-8111-111111111111',
    );
    expect(
      queryClient.getQueryData(taskKeys.detail('99999999-9999-4999-8999-999999999999')),
    ).toMatchObject({
      task_id: '99999999-9999-4999-8999-999999999999',
      agent_id: '11111111-1111-4111-8111-111111111111',
      status: 'pending',
      created_at: '2026-05-11T10:15:00Z',
      updated_at: '2026-05-11T10:15:00Z',
    });
    await Promise.resolve();
    expect(queryClient.getQueryState(taskKeys.lists())?.isInvalidated).toBe(true);
  });
});
