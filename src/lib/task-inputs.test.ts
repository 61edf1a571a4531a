import { describe, expect, it } from 'vitest';
import { rememberTaskInputs, taskInputsOf } from './task-inputs';

describe('taskInputsOf', () => {
  it('knows nothing of a task named like a property of Object', () => {
    rememberTaskInputs('t-1', {
      agentId: 'a',
      query: 'q',
      outputSchema: '',
      instructions: '',
      plainLanguage: false,
      fileNames: [],
      startedAt: 1,
    });
    expect(taskInputsOf('t-1')?.query).toBe('q');
    for (const taskId of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(taskInputsOf(taskId)).toBeUndefined();
    }
  });
});
