/** When to stop walking a cursor-paginated list: when `has_more` ends, and also when a cursor
 *  repeats or a page adds nothing new (a looping backend once cost 286 requests in 5 s);
 *  `pagingStalled` lets the view say so. */
import type { Page } from './schemas';

export interface PagingState<T> {
  pages: readonly Page<T>[];
  /** The cursor each page was asked for with (`undefined` for the first). */
  pageParams: readonly unknown[];
}

function addsNothing<T>(state: PagingState<T>, idOf: (item: T) => string): boolean {
  const last = state.pages.at(-1);
  if (!last || state.pages.length < 2) return false;
  const seen = new Set(state.pages.slice(0, -1).flatMap((page) => page.data.map(idOf)));
  return (
    last.unreadable.length === 0 &&
    (last.data.length === 0 || last.data.every((item) => seen.has(idOf(item))))
  );
}

/** Why paging stopped although the server says there is more, or `undefined` if it did not. */
export function pagingStalled<T>(
  state: PagingState<T>,
  idOf: (item: T) => string,
): 'repeated-cursor' | 'no-new-items' | undefined {
  const last = state.pages.at(-1);
  if (!last?.has_more || last.next_cursor === undefined) return undefined;
  if (state.pageParams.includes(last.next_cursor)) return 'repeated-cursor';
  if (addsNothing(state, idOf)) return 'no-new-items';
  return undefined;
}

/** `getNextPageParam`: the next cursor, or `undefined` to stop (no more, or a stalled walk). */
export function nextCursor<T>(
  state: PagingState<T>,
  idOf: (item: T) => string,
): string | undefined {
  const last = state.pages.at(-1);
  if (!last?.has_more || pagingStalled(state, idOf) !== undefined) return undefined;
  return last.next_cursor;
}

/** What a list says when its server keeps returning the same page. */
export const STALLED_PAGING_MESSAGE =
  'The server keeps returning the same page, so the list stops here.';

export interface Walk<T> {
  items: T[];
  unreadable: Page<T>['unreadable'];
  /** Every page was read: what is missing from `items` is not on the server. */
  complete: boolean;
}

/**
 * Every page of a list, read one after the other while the server says there is more, at most
 * `maxPages` of them; a walk that loops or stalls stops there, incomplete.
 */
export async function walkPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  idOf: (item: T) => string,
  maxPages: number,
): Promise<Walk<T>> {
  const state: { pages: Page<T>[]; pageParams: (string | undefined)[] } = {
    pages: [],
    pageParams: [],
  };
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    state.pages.push(page);
    state.pageParams.push(cursor);
    cursor = nextCursor(state, idOf);
    if (cursor === undefined || state.pages.length >= maxPages) break;
  }
  const last = state.pages.at(-1);
  return {
    items: state.pages.flatMap((page) => page.data),
    unreadable: state.pages.flatMap((page) => page.unreadable),
    complete: last !== undefined && !last.has_more,
  };
}
