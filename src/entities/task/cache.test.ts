import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { mergeTask, readTask, writeTasks, type CachedTask } from './cache';

const base: CachedTask = {
  task_id: 't1',
  agent_id: 'a1',
  status: 'running',
  created_at: '2026-05-11T10:15:00Z',
  updated_at: '2026-05-11T10:15:10Z',
};

describe('mergeTask', () => {
  it('takes the newer state and keeps fields the newer read lacks', () => {
    const previous = { ...base, agent_name: 'Invoice Extractor' };
    const incoming = { ...base, status: 'completed', updated_at: '2026-05-11T10:16:00Z' };
    expect(mergeTask(previous, incoming)).toEqual({
      ...incoming,
      agent_name: 'Invoice Extractor',
    });
  });

  it('never lets an older read replace a newer one', () => {
    const newer = { ...base, status: 'waiting_for_input', updated_at: '2026-05-11T10:15:30Z' };
    const stale = {
      ...base,
      status: 'running',
      title: 'March',
      updated_at: '2026-05-11T10:15:10Z',
    };
    expect(mergeTask(newer, stale)).toMatchObject({ status: 'waiting_for_input', title: 'March' });
  });

  it('never brings a finished task back to life', () => {
    const finished = { ...base, status: 'stopped' };
    const late = { ...base, status: 'running', updated_at: undefined };
    expect(mergeTask(finished, late).status).toBe('stopped');
  });

  it('takes the incoming state when times are missing or equal', () => {
    expect(
      mergeTask({ ...base, updated_at: undefined }, { ...base, status: 'queued' }).status,
    ).toBe('queued');
    expect(mergeTask(base, { ...base, status: 'waiting_for_input' }).status).toBe(
      'waiting_for_input',
    );
  });
});

describe('writeTasks', () => {
  it('writes each task into its one cache entry, merged', () => {
    const client = new QueryClient();
    writeTasks(client, [{ ...base, agent_name: 'Invoice Extractor' }]);
    writeTasks(client, [{ ...base, status: 'completed', updated_at: '2026-05-11T10:17:00Z' }]);
    expect(readTask(client, 't1')).toMatchObject({
      status: 'completed',
      agent_name: 'Invoice Extractor',
    });
  });
});
