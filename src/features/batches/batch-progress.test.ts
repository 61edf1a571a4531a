import { describe, expect, it } from 'vitest';
import type { BatchFile, FileStart } from '@/entities/batch/model';
import { batchProgress, fileView, progressText, type KnownTask } from './batch-progress';

function file(key: string, start: FileStart, taskIds: string[] = []): BatchFile {
  return { key, name: `${key}.csv`, size: 1, type: 'text/csv', taskIds, start };
}

const known: Record<string, KnownTask> = {
  done: { status: 'completed', gone: false },
  bad: { status: 'failed', gone: false },
  halt: { status: 'stopped', gone: false },
  live: { status: 'running', gone: false },
  ask: { status: 'waiting_for_input', gone: false },
  lost: { status: undefined, gone: true },
};
const lookup = (taskId: string) => known[taskId];

describe('fileView', () => {
  it('shows the current task of a started file and keeps its earlier ones', () => {
    const view = fileView(file('a', { state: 'started' }, ['bad', 'done']), lookup);
    expect(view.phase).toEqual({ kind: 'task', taskId: 'done', status: 'completed' });
    expect(view.earlier).toEqual(['bad']);
  });

  it('shows a file queued again as waiting, every task it had as earlier', () => {
    const view = fileView(file('a', { state: 'waiting' }, ['bad']), lookup);
    expect(view.phase).toEqual({ kind: 'start', state: 'waiting' });
    expect(view.earlier).toEqual(['bad']);
  });

  it('reads an unsettled start as starting, a refusal with its message, a 404 as gone', () => {
    expect(fileView(file('a', { state: 'unsettled', since: 1 }), lookup).phase).toEqual({
      kind: 'start',
      state: 'starting',
    });
    expect(fileView(file('a', { state: 'refused', message: 'Too big' }), lookup).phase).toEqual({
      kind: 'refused',
      message: 'Too big',
    });
    expect(fileView(file('a', { state: 'started' }, ['lost']), lookup).phase).toEqual({
      kind: 'gone',
      taskId: 'lost',
    });
  });
});

describe('batchProgress', () => {
  const views = [
    file('1', { state: 'started' }, ['done']),
    file('2', { state: 'started' }, ['bad']),
    file('3', { state: 'started' }, ['halt']),
    file('4', { state: 'started' }, ['live']),
    file('5', { state: 'started' }, ['ask']),
    file('6', { state: 'started' }, ['lost']),
    file('7', { state: 'refused', message: 'no' }),
    file('8', { state: 'waiting' }),
    file('9', { state: 'cancelled' }),
    file('10', { state: 'started' }, ['unknown']),
  ].map((f) => fileView(f, lookup));
  const progress = batchProgress(views);

  it('counts what has ended: tasks ended or gone, refusals and files never to be sent', () => {
    expect(progress.finished).toBe(6);
    expect(progressText(progress)).toBe('6 of 10 finished');
  });

  it('counts files per status in the words the rows use', () => {
    expect(progress.counts).toEqual([
      { label: 'Completed', count: 1 },
      { label: 'Failed', count: 1 },
      { label: 'Stopped', count: 1 },
      { label: 'Running', count: 1 },
      { label: 'Waiting for input', count: 1 },
      { label: 'Not found', count: 1 },
      { label: 'Refused', count: 1 },
      { label: 'Waiting to start', count: 1 },
      { label: 'Not started', count: 1 },
      { label: 'No status', count: 1 },
    ]);
  });

  it('says what each action acts on', () => {
    expect(progress.needsYou.map((view) => view.file.key)).toEqual(['5']);
    expect(progress.retryable.map((view) => view.file.key)).toEqual(['2', '3', '7', '9']);
    expect(progress.cancellable).toEqual(['live', 'ask', 'unknown']);
    expect(progress.completed.map((entry) => entry.taskId)).toEqual(['done']);
  });
});
