import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, paginate } from './pagination';

const rows = [
  { id: 'a', createdAt: 100, seq: 1 },
  { id: 'b', createdAt: 300, seq: 2 },
  { id: 'c', createdAt: 300, seq: 3 },
  { id: 'd', createdAt: 200, seq: 4 },
];

describe('paginate', () => {
  it('orders newest first, ties by insertion order, and walks to the end', () => {
    const first = paginate('tasks', rows, 3, null);
    expect(first.items.map((r) => r.id)).toEqual(['c', 'b', 'd']);
    expect(first.hasMore).toBe(true);
    const after = decodeCursor('tasks', first.nextCursor ?? '');
    const second = paginate('tasks', rows, 3, after);
    expect(second.items.map((r) => r.id)).toEqual(['a']);
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('does not shift later pages when newer rows appear', () => {
    const first = paginate('tasks', rows, 2, null);
    const grown = [...rows, { id: 'e', createdAt: 400, seq: 5 }];
    const second = paginate('tasks', grown, 2, decodeCursor('tasks', first.nextCursor ?? ''));
    expect(second.items.map((r) => r.id)).toEqual(['d', 'a']);
  });
});

describe('cursors', () => {
  it('round-trip and are rejected when foreign, tampered or of the other list', () => {
    const cursor = encodeCursor('agents', { createdAt: 5, seq: 9 });
    expect(decodeCursor('agents', cursor)).toEqual({ createdAt: 5, seq: 9 });
    expect(decodeCursor('tasks', cursor)).toBeNull();
    expect(decodeCursor('agents', 'abc')).toBeNull();
    expect(decodeCursor('agents', 'a b')).toBeNull();
    expect(
      decodeCursor('agents', Buffer.from('{"k":"agents","t":"x","s":1}').toString('base64url')),
    ).toBeNull();
  });
});
