import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Agent, AgentPage, BackendInfo, RunResponse, TaskPage, TaskState } from './schemas';

const task = {
  task_id: 't1',
  agent_id: 'a1',
  status: 'completed',
  created_at: '2026-05-11T10:15:00Z',
  updated_at: '2026-05-11T10:16:02Z',
};

describe('a list never fails for one item', () => {
  it('parses a task page holding an unknown status, null fields and unknown fields', () => {
    const page = v.parse(TaskPage, {
      data: [
        { ...task, status: 'exploded', title: null, agent_name: null, brand_new: { x: 1 } },
        { ...task, task_id: 't2', status: null, updated_at: null, created_at: null },
        { task_id: 't3', agent_id: 'a1' },
      ],
      has_more: false,
      next_cursor: null,
    });
    expect(page.data.map((item) => item.task_id)).toEqual(['t1', 't2', 't3']);
    expect(page.data[0]).toMatchObject({ status: 'exploded', brand_new: { x: 1 } });
    // null reads as absent, everywhere.
    expect(page.data[0]?.title).toBeUndefined();
    expect(page.data[0]?.agent_name).toBeUndefined();
    expect(page.data[1]?.status).toBeUndefined();
    expect(page.data[1]?.created_at).toBeUndefined();
    expect(page.unreadable).toEqual([]);
    expect(page.next_cursor).toBeUndefined();
  });

  it('keeps the rows it can read and reports the ones it cannot, in place', () => {
    const page = v.parse(TaskPage, {
      data: [task, 'not a task', { title: 'no id' }, { ...task, task_id: 't4' }],
      has_more: true,
      next_cursor: 'c2',
    });
    expect(page.data.map((item) => item.task_id)).toEqual(['t1', 't4']);
    expect(page.unreadable.map((item) => item.index)).toEqual([1, 2]);
    expect(page.unreadable[1]).toMatchObject({ raw: { title: 'no id' } });
    expect(page.unreadable[1]?.problem).toMatch(/task_id/);
    expect(page).toMatchObject({ has_more: true, next_cursor: 'c2' });
  });

  it('reads other envelopes: items, a bare array, camelCase paging, no has_more', () => {
    expect(v.parse(TaskPage, { items: [task], nextCursor: 'n', hasMore: true })).toMatchObject({
      data: [{ task_id: 't1' }],
      has_more: true,
      next_cursor: 'n',
    });
    expect(v.parse(TaskPage, [task])).toMatchObject({ data: [{ task_id: 't1' }], has_more: false });
    expect(v.parse(TaskPage, { data: [task], next_cursor: 'more' }).has_more).toBe(true);
  });

  it('reads an id named `id` where `task_id` is missing', () => {
    const { task_id: _id, ...rest } = task;
    expect(v.parse(TaskState, { ...rest, id: 't9' }).task_id).toBe('t9');
    expect(v.parse(RunResponse, { id: 't9', status: 'running' }).task_id).toBe('t9');
  });

  it('refuses a list response with no list in it', () => {
    expect(v.safeParse(TaskPage, { total: 3 }).success).toBe(false);
    expect(v.safeParse(TaskPage, 'nope').success).toBe(false);
  });

  it('keeps agents with unknown statuses, nulls and new fields; reports the unreadable', () => {
    const page = v.parse(AgentPage, {
      data: [
        {
          id: 'a1',
          agent_group_id: null,
          version_number: 2,
          status: 'retired',
          name: 'Document Summarizer',
          is_active: null,
          brand_new_field: 1,
        },
        { name: 'No id' },
      ],
      has_more: false,
      next_cursor: null,
    });
    expect(page.data).toEqual([
      {
        id: 'a1',
        agent_group_id: undefined,
        version_number: 2,
        status: 'retired',
        name: 'Document Summarizer',
        is_active: undefined,
        created_at: undefined,
        updated_at: undefined,
        brand_new_field: 1,
      },
    ]);
    expect(page.unreadable).toHaveLength(1);
  });
});

describe('single objects', () => {
  it('reads a full agent with or without config', () => {
    expect(v.parse(Agent, { id: 'a1', name: 'A', config: { model: 'm' } }).config).toEqual({
      model: 'm',
    });
    expect(v.parse(Agent, { id: 'a1', name: 'A', config: null }).config).toBeUndefined();
  });

  it('reads a task state with a status this build does not know', () => {
    expect(v.parse(TaskState, { ...task, status: 'hibernating' }).status).toBe('hibernating');
  });

  it('reads both backend modes', () => {
    expect(v.parse(BackendInfo, { mode: 'simulator', label: 'Simulator' }).label).toBe('Simulator');
    const upstream = v.parse(BackendInfo, {
      mode: 'upstream',
      label: 'agents.nanonets.com',
      baseUrl: 'https://agents.nanonets.com',
    });
    expect(upstream.mode === 'upstream' && upstream.baseUrl).toBe('https://agents.nanonets.com');
    expect(v.safeParse(BackendInfo, { mode: 'mystery', label: 'x' }).success).toBe(false);
  });
});
