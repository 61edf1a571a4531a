import { describe, expect, it } from 'vitest';
import type { Batch, BatchFile } from './model';
import { contentText, matchTasksToFiles, mentionsName, type Candidate } from './reconcile';

const T0 = Date.parse('2026-05-11T10:00:00Z');

function file(key: string, name: string, state: 'unsettled' | 'started' = 'unsettled'): BatchFile {
  return {
    key,
    name,
    size: 1,
    type: 'text/csv',
    taskIds: state === 'started' ? [`claimed-${key}`] : [],
    start: state === 'started' ? { state } : { state, since: T0 },
  };
}

function batch(files: BatchFile[], query = ''): Batch {
  return { id: 'b', agentId: 'agent-a', createdAt: T0, query, files };
}

function task(
  id: string,
  overrides: Partial<Candidate['task']> = {},
  firstMessage?: string,
): Candidate {
  return {
    task: {
      task_id: id,
      agent_id: 'agent-a',
      created_at: new Date(T0 + 1_000).toISOString(),
      ...overrides,
    },
    firstMessage,
  };
}

function verdicts(b: Batch, candidates: Candidate[], claimed: string[] = []) {
  const open = b.files.filter((f) => f.start.state === 'unsettled');
  return Object.fromEntries(matchTasksToFiles(b, open, candidates, new Set(claimed)));
}

describe('mentionsName', () => {
  it('finds a whole file name, not one inside another', () => {
    expect(mentionsName('Attached 1 file: data.csv', 'data.csv')).toBe(true);
    expect(mentionsName('Attached 1 file: data.csv', 'a.csv')).toBe(false);
    expect(mentionsName('{"files":[{"name":"March.CSV"}]}', 'march.csv')).toBe(true);
    expect(mentionsName('see data.csv.', 'data.csv')).toBe(true);
    expect(mentionsName('data.csv.bak', 'data.csv')).toBe(false);
  });
});

describe('contentText', () => {
  it('reads strings as they are and anything else as JSON', () => {
    expect(contentText('hi')).toBe('hi');
    expect(contentText([{ type: 'file', name: 'a.csv' }])).toContain('a.csv');
    expect(contentText(null)).toBeUndefined();
  });
});

describe('matchTasksToFiles', () => {
  it('ties files-only tasks to their files by title', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv'), file('2', 'c.csv')]);
    expect(verdicts(b, [task('t1', { title: 'b.csv' }), task('t2', { title: 'a.csv' })])).toEqual({
      '0': { kind: 'found', taskId: 't2' },
      '1': { kind: 'found', taskId: 't1' },
      '2': { kind: 'none' },
    });
  });

  it('with a query, ties tasks to files by a first message that names them (structured or text)', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv')], 'Extract the totals');
    const result = verdicts(b, [
      task(
        't1',
        { title: 'Extract the totals' },
        '{"text":"Extract the totals","files":["b.csv"]}',
      ),
      task('t2', { title: 'Extract the totals' }, 'Extract the totals\n\nAttached: a.csv'),
    ]);
    expect(result).toEqual({
      '0': { kind: 'found', taskId: 't2' },
      '1': { kind: 'found', taskId: 't1' },
    });
  });

  it('with a query and plain first messages, ties tasks to files by the file their trace read', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv')], 'Extract the totals');
    const read = (name: string) =>
      JSON.stringify([{ type: 'tool_call', name: 'read_file', arguments: { filename: name } }]);
    const candidates = [
      { ...task('t1', { title: 'Extract the totals' }, 'Extract the totals'), feed: read('a.csv') },
      { ...task('t2', { title: 'Extract the totals' }, 'Extract the totals'), feed: read('b.csv') },
    ];
    expect(verdicts(b, candidates)).toEqual({
      '0': { kind: 'found', taskId: 't1' },
      '1': { kind: 'found', taskId: 't2' },
    });
  });

  it('never guesses between files whose tasks show only the shared query', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv')], 'Extract the totals');
    const candidates = [
      task('t1', { title: 'Extract the totals' }, 'Extract the totals'),
      task('t2', { title: 'Extract the totals' }, 'Extract the totals'),
    ];
    expect(verdicts(b, candidates)).toEqual({
      '0': { kind: 'undecided', candidates: ['t1', 't2'] },
      '1': { kind: 'undecided', candidates: ['t1', 't2'] },
    });
  });

  it('one unsettled file and one new task from our query: that task (the single-run rule)', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv', 'started')], 'Extract the totals');
    const candidates = [task('t1', { title: 'Extract the totals' }, 'Extract the totals')];
    expect(verdicts(b, candidates)).toEqual({ '0': { kind: 'found', taskId: 't1' } });
  });

  it('leaves out tasks already claimed, of other agents, older than the attempt, or of another query', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv')], 'Extract the totals');
    const candidates = [
      task('claimed', { title: 'Extract the totals' }),
      task('other-agent', { title: 'Extract the totals', agent_id: 'agent-b' }),
      task('old', {
        title: 'Extract the totals',
        created_at: new Date(T0 - 10 * 60_000).toISOString(),
      }),
      task('other-query', { title: 'Summarize the report' }),
      task('untitled-other', {}, 'Something else entirely'),
    ];
    expect(verdicts(b, candidates, ['claimed'])).toEqual({
      '0': { kind: 'none' },
      '1': { kind: 'none' },
    });
  });

  it('an untitled new task counts as a candidate until its first message says otherwise', () => {
    const b = batch([file('0', 'a.csv')], 'Extract the totals');
    expect(verdicts(b, [task('t1')])).toEqual({ '0': { kind: 'found', taskId: 't1' } });
    expect(verdicts(b, [task('t1', {}, 'Hello')])).toEqual({ '0': { kind: 'none' } });
  });

  it('a task naming a file that already has its task is not taken for another', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'b.csv', 'started')]);
    expect(verdicts(b, [task('t1', { title: 'b.csv' })])).toEqual({ '0': { kind: 'none' } });
  });

  it('files of the same name: their tasks are the person’s decision', () => {
    const b = batch([file('0', 'a.csv'), file('1', 'a.csv')]);
    expect(verdicts(b, [task('t1', { title: 'a.csv' }), task('t2', { title: 'a.csv' })])).toEqual({
      '0': { kind: 'undecided', candidates: ['t1', 't2'] },
      '1': { kind: 'undecided', candidates: ['t1', 't2'] },
    });
  });
});
