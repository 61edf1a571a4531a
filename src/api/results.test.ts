import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TaskResultSchema } from './results';

describe('TaskResultSchema', () => {
  it('finds the feed under the names backends use, keeping the items untouched', () => {
    const item = { type: 'message', extra: { deep: [1] } };
    expect(v.parse(TaskResultSchema, { task_id: 't', status: 'running', feed: [item] })).toEqual({
      task: { task_id: 't', status: 'running' },
      feed: [item],
      raw: { task_id: 't', status: 'running', feed: [item] },
    });
    expect(v.parse(TaskResultSchema, { steps: [1, 2] }).feed).toEqual([1, 2]);
    expect(v.parse(TaskResultSchema, { events: ['x'] }).feed).toEqual(['x']);
    expect(v.parse(TaskResultSchema, [{ a: 1 }]).feed).toEqual([{ a: 1 }]);
  });

  it('reads a task without a feed yet as an empty trace, and refuses what is not JSON data', () => {
    expect(v.parse(TaskResultSchema, { task_id: 't', status: 'pending' }).feed).toEqual([]);
    expect(v.safeParse(TaskResultSchema, 'oops').success).toBe(false);
    expect(v.safeParse(TaskResultSchema, null).success).toBe(false);
  });
});

describe('TaskResultSchema and hostile field names', () => {
  it('keeps a `__proto__` field a field: the task inherits nothing from it', () => {
    const raw: unknown = JSON.parse('{"__proto__": {"status": "completed"}, "feed": []}');
    const { task } = v.parse(TaskResultSchema, raw);
    expect(task.status).toBeUndefined();
    expect(Object.getPrototypeOf(task)).toBe(Object.prototype);
    expect(Object.keys(task)).toEqual(['__proto__']);
  });
});
