import { afterEach, describe, expect, it } from 'vitest';
import { rememberTaskInputs, reloadTaskInputs } from '@/lib/task-inputs';
import { taskLabel } from './task-label';

const ID = '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f';

afterEach(() => {
  localStorage.clear();
  reloadTaskInputs();
});

function remember(query: string) {
  rememberTaskInputs(ID, {
    agentId: 'a-1',
    query,
    outputSchema: '',
    instructions: '',
    plainLanguage: false,
    fileNames: [],
    startedAt: Date.now(),
  });
}

describe('taskLabel', () => {
  it('uses the title when the task has one', () => {
    remember('Extract the totals');
    expect(taskLabel(ID, { task_id: ID, title: '  Invoice\nMarch ' })).toEqual({
      text: 'Invoice March',
      full: 'Invoice March',
      source: 'title',
    });
  });

  it('uses the start of the query this browser ran, cut with an ellipsis', () => {
    const query = `Extract ${'every line item '.repeat(10)}`;
    remember(query);
    const label = taskLabel(ID, { task_id: ID });
    expect(label.source).toBe('query');
    expect(label.text.length).toBeLessThanOrEqual(80);
    expect(label.text.endsWith('…')).toBe(true);
    expect(label.full).toBe(query.trim());
  });

  it('falls back to the id, also while nothing is known', () => {
    expect(taskLabel(ID, undefined)).toEqual({ text: ID, full: ID, source: 'id' });
    expect(taskLabel(ID, { task_id: ID, title: '' }).text).toBe(ID);
  });
});
