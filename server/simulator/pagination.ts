/** Keyset pagination of `GET /agents` and `/tasks`, newest first: the opaque cursor (base64url
 *  JSON, tagged with its list) holds the last row's `created_at` and insertion order, so rows
 *  created between two page reads never shift the pages that follow. */

/** Anything listed newest first: creation time, then insertion order as a tie-breaker. */
export interface Keyed {
  createdAt: number;
  seq: number;
}

export type CursorKind = 'agents' | 'tasks';

interface CursorPayload {
  k: CursorKind;
  t: number;
  s: number;
}

export function encodeCursor(kind: CursorKind, row: Keyed): string {
  const payload: CursorPayload = { k: kind, t: row.createdAt, s: row.seq };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The position a cursor points after, or null when it is not one of ours. */
export function decodeCursor(kind: CursorKind, cursor: string): Keyed | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { k, t, s } = parsed as Partial<CursorPayload>;
    if (k !== kind || !Number.isSafeInteger(t) || !Number.isSafeInteger(s)) return null;
    return { createdAt: t as number, seq: s as number };
  } catch {
    return null;
  }
}

/** Newest first; ties (same millisecond) by insertion order, newest first. */
export function compareNewestFirst(a: Keyed, b: Keyed): number {
  return b.createdAt - a.createdAt || b.seq - a.seq;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** Sorts `rows` newest first and returns the `limit` rows that follow `after`. */
export function paginate<T extends Keyed>(
  kind: CursorKind,
  rows: readonly T[],
  limit: number,
  after: Keyed | null,
): Page<T> {
  const sorted = [...rows].sort(compareNewestFirst);
  const remaining =
    after === null ? sorted : sorted.filter((row) => compareNewestFirst(after, row) < 0);
  const items = remaining.slice(0, limit);
  const hasMore = remaining.length > limit;
  const last = items[items.length - 1];
  return { items, hasMore, nextCursor: hasMore && last ? encodeCursor(kind, last) : null };
}
