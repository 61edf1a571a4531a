import { describe, expect, it } from 'vitest';
import {
  COMPARE_PAIRS_KEY,
  originalOf,
  reloadComparePairs,
  rememberComparePair,
  rerunsOf,
} from './compare-pairs';

describe('compare pairs', () => {
  it('remember which task a run on another version came from, across a reload', () => {
    rememberComparePair('new-1', 'orig', 1_000);
    rememberComparePair('new-2', 'orig', 2_000);
    rememberComparePair('other', 'elsewhere', 3_000);
    reloadComparePairs();
    expect(originalOf('new-1')).toBe('orig');
    expect(rerunsOf('orig')).toEqual(['new-2', 'new-1']);
    expect(JSON.parse(localStorage.getItem(COMPARE_PAIRS_KEY) ?? '{}')).toMatchObject({
      version: 1,
      tasks: { 'new-1': { originalId: 'orig', startedAt: 1_000 } },
    });
  });

  it('keep no pair of a task with itself, and know nothing of Object’s own names', () => {
    rememberComparePair('same', 'same');
    expect(originalOf('same')).toBeUndefined();
    for (const taskId of ['constructor', 'toString', '__proto__']) {
      expect(originalOf(taskId)).toBeUndefined();
      expect(rerunsOf(taskId)).toEqual([]);
    }
  });

  it('ignore stored entries of another shape', () => {
    localStorage.setItem(
      COMPARE_PAIRS_KEY,
      JSON.stringify({ version: 1, tasks: { a: 'orig', b: { originalId: 'orig', startedAt: 5 } } }),
    );
    reloadComparePairs();
    expect([originalOf('a'), originalOf('b')]).toEqual([undefined, 'orig']);
  });
});
