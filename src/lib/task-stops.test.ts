import { describe, expect, it } from 'vitest';
import { reloadTaskStops, rememberTaskStop, TASK_STOPS_KEY, taskStoppedAt } from './task-stops';

describe('task stops', () => {
  it('remember when a task was stopped, across a reload of the page', () => {
    rememberTaskStop('t-1', '2026-05-11T10:15:20.000Z');
    reloadTaskStops();
    expect(taskStoppedAt('t-1')).toBe('2026-05-11T10:15:20.000Z');
    expect(JSON.parse(localStorage.getItem(TASK_STOPS_KEY) ?? '{}')).toMatchObject({
      version: 1,
      tasks: { 't-1': '2026-05-11T10:15:20.000Z' },
    });
  });

  it('keep no time that does not parse, and know nothing of Object’s own names', () => {
    rememberTaskStop('t-2', 'yesterday-ish');
    expect(taskStoppedAt('t-2')).toBeUndefined();
    for (const taskId of ['constructor', 'toString', '__proto__']) {
      expect(taskStoppedAt(taskId)).toBeUndefined();
    }
  });

  it('ignore stored entries that are not times', () => {
    localStorage.setItem(
      TASK_STOPS_KEY,
      JSON.stringify({ version: 1, tasks: { a: 'nope', b: '2026-05-11T10:15:20Z', c: 5 } }),
    );
    reloadTaskStops();
    expect([taskStoppedAt('a'), taskStoppedAt('b'), taskStoppedAt('c')]).toEqual([
      undefined,
      '2026-05-11T10:15:20Z',
      undefined,
    ]);
  });
});
