import { describe, expect, it, vi } from 'vitest';
import { ManualClock, ScaledClock } from './clock';

describe('ManualClock', () => {
  it('fires timers in due order, ties in scheduling order, with now() at each due time', () => {
    const clock = new ManualClock(1_000);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 20);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 10);
    clock.setTimeout(() => fired.push(['c', clock.now()]), 20);
    clock.advance(15);
    expect(fired).toEqual([['a', 1_010]]);
    expect(clock.now()).toBe(1_015);
    clock.advance(5);
    expect(fired).toEqual([
      ['a', 1_010],
      ['b', 1_020],
      ['c', 1_020],
    ]);
  });

  it('fires timers scheduled by timers when they fall inside the window, and not after it', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 0);
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 10);
    clock.advance(30);
    expect(fired).toEqual([10, 10]);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(30);
    expect(fired).toEqual([10, 10, 60]);
  });

  it('never fires a cleared timer and rejects negative advances', () => {
    const clock = new ManualClock(0);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 5);
    clock.clearTimeout(handle);
    clock.advance(10);
    expect(fired).toBe(false);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('ScaledClock', () => {
  it('runs virtual time timeScale× faster than real time', async () => {
    const clock = new ScaledClock(1_000, 0);
    const realStart = performance.now();
    const virtualAtFire = await new Promise<number>((resolve) => {
      clock.setTimeout(() => resolve(clock.now()), 20_000); // 20 virtual s = 20 real ms
    });
    const realElapsed = performance.now() - realStart;
    expect(virtualAtFire).toBeGreaterThanOrEqual(19_000);
    expect(realElapsed).toBeLessThan(1_000);
  });

  it('starts at the given instant and can clear timers', () => {
    const clock = new ScaledClock(1, 5_000);
    expect(clock.now() - 5_000).toBeLessThan(100);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const handle = clock.setTimeout(() => undefined, 1_000);
      expect(vi.getTimerCount()).toBe(1);
      clock.clearTimeout(handle);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(() => new ScaledClock(0)).toThrow(RangeError);
  });
});
