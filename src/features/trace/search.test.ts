import { describe, expect, it } from 'vitest';
import { normalizeFeed } from './normalize';
import { findMatches, matchSnippet, searchTextOf, splitMatches } from './search';

describe('trace search', () => {
  const { steps } = normalizeFeed([
    { type: 'tool_call', name: 'Search_Web', arguments: { q: 'cargo bikes' } },
    { type: 'message', content: 'He said "stop"\nthen left' },
    { mystery: { deeply: { nested: 'Needle' } } },
    42,
  ]);
  const all = steps.map((step) => step.index);

  it('finds names, arguments, nested unknown fields and bare values, case-insensitively', () => {
    expect(findMatches(steps, all, 'search_web')).toEqual([0]);
    expect(findMatches(steps, all, 'CARGO')).toEqual([0]);
    expect(findMatches(steps, all, 'needle')).toEqual([2]);
    expect(findMatches(steps, all, 'mystery')).toEqual([2]);
    expect(findMatches(steps, all, '42')).toEqual([3]);
    expect(findMatches(steps, all, '  ')).toEqual([]);
  });

  it('finds text with quotes and newlines as typed', () => {
    expect(findMatches(steps, all, 'said "stop"')).toEqual([1]);
    expect(searchTextOf({ a: 'x\ny' })).toContain('x\ny');
  });

  it('searches only the candidates it is given', () => {
    expect(findMatches(steps, [1, 2], 'cargo')).toEqual([]);
  });

  it('marks matches and shows where in the item a step matched', () => {
    expect(splitMatches('Read the READme', 'read')).toEqual([
      { text: 'Read', match: true },
      { text: ' the ', match: false },
      { text: 'READ', match: true },
      { text: 'me', match: false },
    ]);
    expect(matchSnippet({ a: 'x'.repeat(100), b: 'needle' }, 'NEEDLE', 10)).toBe(
      '…xxx","b":"needle"}',
    );
    expect(matchSnippet({ a: 1 }, 'zzz')).toBeUndefined();
  });
});
