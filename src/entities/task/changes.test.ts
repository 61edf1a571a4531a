import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { writeTasks, type CachedTask } from './cache';
import { watchTaskChanges } from './changes';
import { taskKeys } from './keys';

const TASK = 'task-1';
const at = (seconds: number) => new Date(Date.UTC(2026, 4, 11, 10, 0, seconds)).toISOString();

function setup() {
  const client = new QueryClient();
  watchTaskChanges(client);
  writeTasks(client, [{ task_id: TASK, status: 'running', updated_at: at(1) }]);
  for (const key of [taskKeys.messages(TASK), taskKeys.summary(TASK), taskKeys.result(TASK)]) {
    client.setQueryData(key, { read: true });
  }
  const stale = () => ({
    messages: client.getQueryState(taskKeys.messages(TASK))?.isInvalidated,
    summary: client.getQueryState(taskKeys.summary(TASK))?.isInvalidated,
    result: client.getQueryState(taskKeys.result(TASK))?.isInvalidated,
  });
  const write = (task: Partial<CachedTask>) =>
    writeTasks(client, [{ task_id: TASK, status: 'running', updated_at: at(1), ...task }]);
  return { client, stale, write };
}

describe('a change of a task', () => {
  it('marks nothing stale while the task is as it was', () => {
    const { stale, write } = setup();
    write({});
    expect(stale()).toEqual({ messages: false, summary: false, result: false });
  });

  it('marks its messages and trace stale on progress, its answer only on a new status', () => {
    const { stale, write } = setup();
    write({ updated_at: at(2) });
    expect(stale()).toEqual({ messages: true, summary: false, result: true });
    write({ updated_at: at(3), status: 'completed' });
    expect(stale()).toEqual({ messages: true, summary: true, result: true });
  });

  it('keeps the needs-you set, newest first, whoever read the change', () => {
    const { client, write } = setup();
    const ids = () => client.getQueryData<{ ids: string[] }>(taskKeys.needsYou())?.ids;
    writeTasks(client, [
      { task_id: 'older', status: 'awaiting_review', created_at: at(0), updated_at: at(0) },
    ]);
    write({ status: 'waiting_for_input', created_at: at(5), updated_at: at(6) });
    expect(ids()).toEqual([TASK, 'older']);
    write({ status: 'running', updated_at: at(7) });
    expect(ids()).toEqual(['older']);
    // One task learnt elsewhere does not make the whole set look freshly read.
    expect(client.getQueryState(taskKeys.needsYou())?.dataUpdatedAt).toBe(0);
  });
});
