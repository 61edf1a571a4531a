import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('joins conditional classes like clsx', () => {
    expect(cn('a', false, undefined, null, 0, '', ['b', { c: true, d: false }])).toBe('a b c');
  });

  it('keeps every class in order and resolves no conflicts (components must not need it)', () => {
    expect(cn('p-2 text-sm', 'p-4')).toBe('p-2 text-sm p-4');
  });

  it('keeps arbitrary and variant classes untouched', () => {
    expect(cn('motion-safe:animate-pulse [overflow-wrap:anywhere]', 'tabular-nums')).toBe(
      'motion-safe:animate-pulse [overflow-wrap:anywhere] tabular-nums',
    );
  });
});
