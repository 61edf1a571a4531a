import { describe, expect, it } from 'vitest';
import { countStatuses, formatCount, type CountSource } from './task-counts';

const source = (
  tasks: [string, string | undefined][],
  statuses: string[] = [],
  complete = true,
): CountSource => ({
  tasks: tasks.map(([taskId, status]) => ({ taskId, status })),
  statuses,
  complete,
});

describe('countStatuses', () => {
  it('counts each task once by status, with an exact total when the list was read to its end', () => {
    const counts = countStatuses(
      [
        source([
          ['a', 'running'],
          ['b', 'failed'],
          ['c', 'running'],
          ['a', 'running'],
        ]),
      ],
      [],
    );
    expect(counts.byStatus.running).toEqual({ count: 2, complete: true });
    expect(counts.byStatus.failed).toEqual({ count: 1, complete: true });
    expect(counts.byStatus.completed).toEqual({ count: 0, complete: true });
    expect(counts.total).toEqual({ count: 3, complete: true });
    expect(counts.read).toBe(3);
  });

  it('says more may exist while pages remain', () => {
    const counts = countStatuses([source([['a', 'running']], [], false)], []);
    expect(formatCount(counts.byStatus.running!)).toBe('1+');
    expect(formatCount(counts.total)).toBe('1+');
  });

  it('counts a task by the status the live refresh saw last, not the one its page gave', () => {
    const counts = countStatuses([source([['a', 'running']])], [], (taskId) =>
      taskId === 'a' ? 'completed' : undefined,
    );
    expect(counts.byStatus.running?.count).toBe(0);
    expect(counts.byStatus.completed?.count).toBe(1);
  });

  it('knows nothing of a status no read covered, and totals only the statuses shown', () => {
    const counts = countStatuses(
      [
        source(
          [
            ['a', 'failed'],
            ['b', 'running'],
          ],
          ['failed', 'running'],
        ),
      ],
      ['failed', 'running'],
    );
    expect(counts.byStatus.completed).toBeNull();
    expect(counts.byStatus.failed).toEqual({ count: 1, complete: true });
    expect(counts.total).toEqual({ count: 2, complete: true });
  });

  it('draws the other statuses from the same list without its status filter, when it was read', () => {
    const narrowed = source([['a', 'failed']], ['failed']);
    const everything = source(
      [
        ['a', 'failed'],
        ['b', 'completed'],
        ['c', 'completed'],
      ],
      [],
      false,
    );
    const counts = countStatuses([narrowed, everything], ['failed']);
    expect(counts.byStatus.failed).toEqual({ count: 1, complete: true });
    expect(counts.byStatus.completed).toEqual({ count: 2, complete: false });
    expect(counts.total).toEqual({ count: 1, complete: true });
  });

  it('leaves out the tasks the list narrows away (other versions of no interest)', () => {
    const counts = countStatuses(
      [
        source([
          ['a', 'failed'],
          ['b', 'failed'],
        ]),
      ],
      [],
      undefined,
      (taskId) => taskId === 'a',
    );
    expect(counts.byStatus.failed?.count).toBe(1);
  });
});
