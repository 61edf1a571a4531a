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

describe('documentTitle and hidden characters', () => {
  it('spells out overrides, zero-width characters and towers of marks: a tab cannot isolate text', () => {
    expect(documentTitle('invoice\u202Efdp.exe', 0)).toBe('invoice[U+202E]fdp.exe · Agent Console');
    expect(documentTitle('pay\u200Bpal', 1)).toBe('(1) pay[U+200B]pal · Agent Console');
    expect(documentTitle(`T${'\u0301'.repeat(600)}`, 0)).toBe(
      `T${'\u0301'.repeat(4)}[+596 marks] · Agent Console`,
    );
  });
});
