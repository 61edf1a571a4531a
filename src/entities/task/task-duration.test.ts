import { describe, expect, it } from 'vitest';
import { taskDuration } from './task-duration';

const created = '2026-05-11T10:00:00Z';
const at = (iso: string) => Date.parse(iso);

describe('taskDuration', () => {
  it('counts from creation to now while the task is live, in whole seconds', () => {
    const task = { task_id: 't', status: 'running', created_at: created };
    expect(taskDuration(task, at('2026-05-11T10:00:00.400Z'))).toBe('0 s');
    expect(taskDuration(task, at('2026-05-11T10:00:02.950Z'))).toBe('2 s');
    expect(taskDuration(task, at('2026-05-11T10:03:05Z'))).toBe('3 min 5 s');
  });

  it('treats a missing or unknown status as live', () => {
    expect(taskDuration({ task_id: 't', created_at: created }, at('2026-05-11T10:00:42Z'))).toBe(
      '42 s',
    );
  });

  it('stops at the last update once the task is terminal', () => {
    const task = {
      task_id: 't',
      status: 'completed',
      created_at: created,
      updated_at: '2026-05-11T10:01:30Z',
    };
    expect(taskDuration(task, at('2026-05-11T12:00:00Z'))).toBe('1 min 30 s');
  });

  it('says nothing it cannot know', () => {
    expect(taskDuration({ task_id: 't', status: 'running' }, 0)).toBe('—');
    expect(taskDuration({ task_id: 't', status: 'failed', created_at: created }, 0)).toBe('—');
  });
});
