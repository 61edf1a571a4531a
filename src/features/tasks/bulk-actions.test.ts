import { describe, expect, it } from 'vitest';
import type { TaskInputs } from '@/lib/task-inputs';
import { planCancel, planRunAgain, runAgainBody } from './bulk-actions';

const inputs = (overrides: Partial<TaskInputs> = {}): TaskInputs => ({
  agentId: 'agent-1',
  query: 'Sync account GLOBEX-042',
  outputSchema: '',
  instructions: '',
  plainLanguage: false,
  fileNames: [],
  startedAt: 1,
  ...overrides,
});

describe('planCancel', () => {
  it('cancels only live tasks (an unknown or missing status counts as live)', () => {
    const status: Record<string, string | undefined> = {
      a: 'running',
      b: 'completed',
      c: 'awaiting_review',
      d: 'stopped',
      e: undefined,
    };
    expect(planCancel(['a', 'b', 'c', 'd', 'e'], (id) => status[id])).toEqual({
      live: ['a', 'c', 'e'],
      ended: ['b', 'd'],
    });
  });
});

describe('planRunAgain', () => {
  it('runs again what this browser recorded without files, and says why not for the rest', () => {
    const known: Record<string, TaskInputs> = {
      plain: inputs(),
      files: inputs({ fileNames: ['memo.txt'] }),
      noAgent: inputs({ agentId: '' }),
    };
    expect(planRunAgain(['plain', 'files', 'noAgent', 'stranger'], (id) => known[id])).toEqual({
      ready: [{ taskId: 'plain', inputs: known.plain }],
      refused: [
        { taskId: 'files', reason: 'files' },
        { taskId: 'noAgent', reason: 'unknown' },
        { taskId: 'stranger', reason: 'unknown' },
      ],
    });
  });
});

describe('runAgainBody', () => {
  it('sends the same query, schema and instructions, leaving out empty fields', () => {
    expect(runAgainBody(inputs())).toEqual({ query: 'Sync account GLOBEX-042' });
    expect(
      runAgainBody(inputs({ query: ' ', outputSchema: '{"a":1}', instructions: ' Be brief ' })),
    ).toEqual({ output_config: { output_schema: '{"a":1}', instructions: 'Be brief' } });
  });
});
