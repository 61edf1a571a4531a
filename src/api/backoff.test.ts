import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff';

describe('backoffDelay', () => {
  const almostOne = () => 1 - Number.EPSILON;
  const zero = () => 0;
  const half = () => 0.5;

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 5_000],
    [4, 10_000],
    [5, 30_000],
    [6, 30_000],
    [100, 30_000],
  ])('failure %d waits up to %d ms', (failures, step) => {
    expect(backoffDelay(failures, almostOne)).toBe(step - 1);
    expect(backoffDelay(failures, half)).toBe(Math.max(250, step / 2));
  });

  it('never waits less than 250 ms, even when the jitter draws 0', () => {
    for (const failures of [1, 2, 3, 4, 5, 6]) {
      expect(backoffDelay(failures, zero)).toBe(250);
    }
    expect(backoffDelay(1, () => 0.2)).toBe(250);
    expect(backoffDelay(1, () => 0.3)).toBe(300);
  });

  it('spreads delays across the whole step with the default jitter', () => {
    const draws = Array.from({ length: 200 }, () => backoffDelay(5));
    for (const delay of draws) {
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThan(30_000);
    }
    expect(new Set(draws).size).toBeGreaterThan(1);
  });

  it('keeps a misbehaving jitter source inside the step', () => {
    expect(backoffDelay(2, () => 7)).toBe(2_000);
    expect(backoffDelay(2, () => -1)).toBe(250);
    expect(backoffDelay(2, () => Number.NaN)).toBe(2_000);
  });

  it('does not wait when nothing has failed', () => {
    expect(backoffDelay(0, half)).toBe(0);
    expect(backoffDelay(-3, half)).toBe(0);
    expect(backoffDelay(Number.NaN, half)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('waits what a 429 asks, 5 s when it does not say, at most 5 minutes', () => {
    expect(retryAfterMs(3)).toBe(3_000);
    expect(retryAfterMs(0.5)).toBe(500);
    expect(retryAfterMs(undefined)).toBe(5_000);
    expect(retryAfterMs(Number.NaN)).toBe(5_000);
    expect(retryAfterMs(3_600)).toBe(300_000);
    expect(retryAfterMs(-2)).toBe(0);
  });
});
