import { describe, expect, it } from 'vitest';
import { documentTitle } from './document-title';

describe('documentTitle', () => {
  it.each<[string | undefined, number, string]>([
    [undefined, 0, 'Agent Console'],
    ['Tasks', 0, 'Tasks · Agent Console'],
    [undefined, 2, '(2) Agent Console'],
    ['Tasks', 2, '(2) Tasks · Agent Console'],
    ['Tasks', 1, '(1) Tasks · Agent Console'],
    ['Tasks', 99, '(99) Tasks · Agent Console'],
    ['Tasks', 100, '(99+) Tasks · Agent Console'],
    ['Tasks', 12_345, '(99+) Tasks · Agent Console'],
    ['Tasks', Number.POSITIVE_INFINITY, '(99+) Tasks · Agent Console'],
    ['Tasks', -1, 'Tasks · Agent Console'],
    ['Tasks', Number.NaN, 'Tasks · Agent Console'],
    ['Tasks', Number.NEGATIVE_INFINITY, 'Tasks · Agent Console'],
    ['', 3, '(3) Agent Console'],
    ['   ', 0, 'Agent Console'],
    ['  Invoice March ', 0, 'Invoice March · Agent Console'],
  ])('(%j, %d) → %s', (page, count, expected) => {
    expect(documentTitle(page, count)).toBe(expected);
  });

  it('never shows a fraction', () => {
    expect(documentTitle(undefined, 2.7)).toBe('(2) Agent Console');
    expect(documentTitle(undefined, 0.5)).toBe('Agent Console');
  });
});
