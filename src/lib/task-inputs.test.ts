import { describe, expect, it } from 'vitest';
import { reloadTaskInputs, rememberTaskInputs, TASK_INPUTS_KEY, taskInputsOf } from './task-inputs';

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

describe('stored entries', () => {
  it('keeps the files as sent (name, size, type) across a reload', () => {
    rememberTaskInputs('t-files', {
      agentId: 'a',
      query: 'q',
      outputSchema: '',
      instructions: '',
      plainLanguage: false,
      fileNames: ['a.pdf'],
      files: [{ name: 'a.pdf', size: 1234, type: 'application/pdf' }],
      startedAt: 2,
    });
    reloadTaskInputs();
    expect(taskInputsOf('t-files')?.files).toEqual([
      { name: 'a.pdf', size: 1234, type: 'application/pdf' },
    ]);
  });

  it('still reads an entry stored before sizes were kept', () => {
    localStorage.setItem(
      TASK_INPUTS_KEY,
      JSON.stringify({
        version: 1,
        tasks: {
          old: {
            agentId: 'a',
            query: 'q',
            outputSchema: '{}',
            instructions: '',
            plainLanguage: false,
            fileNames: ['scan.png'],
            startedAt: 3,
          },
        },
      }),
    );
    reloadTaskInputs();
    const inputs = taskInputsOf('old');
    expect(inputs?.fileNames).toEqual(['scan.png']);
    expect(inputs?.files).toBeUndefined();
  });
});
