import { describe, expect, it } from 'vitest';
import { nextCursor, pagingStalled } from './paging';
import type { Page } from './schemas';

const page = (ids: string[], next?: string): Page<{ id: string }> => ({
  data: ids.map((id) => ({ id })),
  unreadable: [],
  has_more: next !== undefined,
  next_cursor: next,
});
const idOf = (item: { id: string }) => item.id;

describe('paging', () => {
  it('follows next_cursor while has_more', () => {
    const state = { pages: [page(['a', 'b'], 'c2')], pageParams: [undefined] };
    expect(nextCursor(state, idOf)).toBe('c2');
    expect(pagingStalled(state, idOf)).toBeUndefined();
    expect(nextCursor({ pages: [page(['a'])], pageParams: [undefined] }, idOf)).toBeUndefined();
  });

  it('stops when a cursor comes back', () => {
    const state = {
      pages: [page(['a'], 'c2'), page(['b'], 'c2')],
      pageParams: [undefined, 'c2'],
    };
    expect(nextCursor(state, idOf)).toBeUndefined();
    expect(pagingStalled(state, idOf)).toBe('repeated-cursor');
  });

  it('stops when a page brings nothing new, even under a fresh cursor', () => {
    const state = {
      pages: [page(['a', 'b'], 'c2'), page(['a', 'b'], 'c3')],
      pageParams: [undefined, 'c2'],
    };
    expect(nextCursor(state, idOf)).toBeUndefined();
    expect(pagingStalled(state, idOf)).toBe('no-new-items');
    const empty = { pages: [page(['a'], 'c2'), page([], 'c3')], pageParams: [undefined, 'c2'] };
    expect(pagingStalled(empty, idOf)).toBe('no-new-items');
  });
});
