import { describe, expect, it } from 'vitest';
import { createIdFactory, createRandom, deriveSeed, isUuid } from './ids';

describe('seeded ids', () => {
  it('produces the same UUIDv4-shaped sequence for the same seed', () => {
    const a = createIdFactory(createRandom(42));
    const b = createIdFactory(createRandom(42));
    const c = createIdFactory(createRandom(43));
    const seqA = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(seqA);
    expect(c()).not.toBe(seqA[0]);
    expect(new Set(seqA).size).toBe(50);
    for (const id of seqA) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('derives independent streams from labels', () => {
    expect(deriveSeed(42, 'ids')).toBe(deriveSeed(42, 'ids'));
    expect(deriveSeed(42, 'ids')).not.toBe(deriveSeed(42, 'errors'));
    expect(deriveSeed(42, 'task', 1)).not.toBe(deriveSeed(42, 'task', 2));
    const random = createRandom(deriveSeed(1, 'x'));
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('recognises UUIDs of any version and case only', () => {
    expect(isUuid('3F2B8C1E-6D4A-4F7B-9A0C-2E5D7B1C9F80')).toBe(true);
    expect(isUuid('00000000-0000-1000-8000-000000000000')).toBe(true);
    expect(isUuid('3f2b8c1e6d4a4f7b9a0c2e5d7b1c9f80')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
