import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('joins conditional classes like clsx', () => {
    expect(cn('a', false, undefined, null, ['b', { c: true, d: false }])).toBe('a b c');
  });

  it.each([
    [['p-2 text-sm', 'p-4'], 'text-sm p-4'],
    [['px-2 py-1', 'p-3'], 'p-3'],
    [['p-3', 'px-1'], 'p-3 px-1'],
    [['h-10 px-4', 'h-8 px-3'], 'h-8 px-3'],
    [['size-4', 'size-5'], 'size-5'],
    [['w-4 h-4', 'size-6'], 'size-6'],
    [['bg-surface', 'bg-accent/10'], 'bg-accent/10'],
    [['text-sm text-muted', 'text-danger'], 'text-sm text-danger'],
    [['text-muted text-xs', 'text-2xl'], 'text-muted text-2xl'],
    [['border border-border', 'border-danger/40'], 'border border-danger/40'],
    [['border border-border', 'border-2'], 'border-border border-2'],
    [['rounded-md', 'rounded-full'], 'rounded-full'],
    [['inline-flex', 'hidden'], 'hidden'],
    [['mt-0.5', 'mt-2'], 'mt-2'],
    [['max-w-6xl', 'max-w-none'], 'max-w-none'],
    [['font-medium', 'font-semibold'], 'font-semibold'],
    [['hover:bg-surface-muted', 'hover:bg-accent/90'], 'hover:bg-accent/90'],
  ])('lets the later class win: %j → %s', (inputs, expected) => {
    expect(cn(...inputs)).toBe(expected);
  });

  it('keeps classes from different variants apart', () => {
    expect(cn('bg-surface hover:bg-surface-muted', 'bg-accent')).toBe(
      'hover:bg-surface-muted bg-accent',
    );
  });

  it('keeps classes it has no group for, rather than dropping them', () => {
    expect(cn('motion-safe:animate-pulse [overflow-wrap:anywhere]', 'tabular-nums')).toBe(
      'motion-safe:animate-pulse [overflow-wrap:anywhere] tabular-nums',
    );
  });
});
