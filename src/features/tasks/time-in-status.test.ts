import { describe, expect, it } from 'vitest';
import { addTransition, timeInStatus, type Transition } from './time-in-status';

const T0 = Date.UTC(2026, 4, 12, 10, 15, 0);
const s = (seconds: number) => T0 + seconds * 1000;

function history(...steps: Array<[string, number]>): Transition[] {
  return steps.map(([status, seconds]) => ({ status, at: s(seconds) }));
}

describe('addTransition', () => {
  it('records the first status seen', () => {
    expect(addTransition([], 'pending', s(0))).toEqual([{ status: 'pending', at: s(0) }]);
  });

  it('appends a change of status, leaving the input untouched', () => {
    const before = history(['pending', 0]);
    const after = addTransition(before, 'running', s(3));
    expect(after).toEqual(history(['pending', 0], ['running', 3]));
    expect(before).toEqual(history(['pending', 0]));
  });

  it('returns the same history when the status did not change or is missing', () => {
    const before = history(['pending', 0], ['running', 3]);
    expect(addTransition(before, 'running', s(9))).toBe(before);
    expect(addTransition(before, undefined, s(9))).toBe(before);
    expect(addTransition([], undefined, s(9))).toEqual([]);
  });

  it('records a return to an earlier status', () => {
    const before = history(['running', 0], ['waiting_for_input', 5]);
    expect(addTransition(before, 'running', s(8)).map((t) => t.status)).toEqual([
      'running',
      'waiting_for_input',
      'running',
    ]);
  });

  it('moves an observation older than the last one up to the last one', () => {
    const before = history(['pending', 0], ['running', 10]);
    expect(addTransition(before, 'waiting_for_input', s(4)).at(-1)).toEqual({
      status: 'waiting_for_input',
      at: s(10),
    });
  });

  it('never records an unusable time', () => {
    expect(addTransition([], 'running', Number.NaN)).toEqual([]);
    const before = history(['pending', 0]);
    expect(addTransition(before, 'running', Number.NaN).at(-1)).toEqual({
      status: 'running',
      at: s(0),
    });
  });
});

describe('timeInStatus', () => {
  it('splits a finished task into its buckets and stops the clock at the terminal status', () => {
    const h = history(
      ['pending', 0],
      ['queued', 2],
      ['running', 10],
      ['waiting_for_input', 40],
      ['running', 100],
      ['awaiting_review', 130],
      ['running', 160],
      ['completed', 200],
    );
    expect(timeInStatus(h, s(10_000), s(0))).toEqual({
      queued: 10_000,
      working: 30_000 + 30_000 + 40_000,
      waitingOnYou: 60_000 + 30_000,
      other: 0,
      total: 200_000,
      sinceFirstObserved: false,
    });
  });

  it('runs the last live span up to now', () => {
    const h = history(['running', 0], ['waiting_for_input', 20]);
    const result = timeInStatus(h, s(65), s(0));
    expect(result.working).toBe(20_000);
    expect(result.waitingOnYou).toBe(45_000);
    expect(result.total).toBe(65_000);
  });

  it.each(['completed', 'failed', 'stopped'])('adds nothing after %s', (terminal) => {
    const h = history(['running', 0], [terminal, 30]);
    expect(timeInStatus(h, s(30), s(0)).total).toBe(30_000);
    expect(timeInStatus(h, s(3_600), s(0)).total).toBe(30_000);
  });

  it('counts statuses this build does not know as other, and keeps their clock running', () => {
    const h = history(['running', 0], ['hibernating', 10]);
    const result = timeInStatus(h, s(25), s(0));
    expect(result.other).toBe(15_000);
    expect(result.working).toBe(10_000);
    expect(result.total).toBe(25_000);
  });

  it('counts the time before the first observation as queued when the task was still waiting to start', () => {
    const h = history(['queued', 30], ['running', 40]);
    const result = timeInStatus(h, s(50), s(0));
    expect(result.queued).toBe(40_000);
    expect(result.working).toBe(10_000);
    expect(result.sinceFirstObserved).toBe(false);
  });

  it('leaves unobserved time out when the task had already started, and says so', () => {
    const h = history(['running', 30], ['waiting_for_input', 40]);
    const result = timeInStatus(h, s(50), s(0));
    expect(result).toEqual({
      queued: 0,
      working: 10_000,
      waitingOnYou: 10_000,
      other: 0,
      total: 20_000,
      sinceFirstObserved: true,
    });
  });

  it('covers the whole life when the first observation is at (or, with skew, before) creation', () => {
    expect(timeInStatus(history(['running', 0]), s(5), s(0)).sinceFirstObserved).toBe(false);
    const skewed = timeInStatus(history(['running', 0]), s(5), s(2));
    expect(skewed.sinceFirstObserved).toBe(false);
    expect(skewed.working).toBe(5_000);
  });

  it('cannot claim to cover the whole life without a creation time', () => {
    const result = timeInStatus(history(['pending', 10], ['running', 12]), s(20));
    expect(result.queued).toBe(2_000);
    expect(result.sinceFirstObserved).toBe(true);
  });

  it('is all zeros before anything was observed', () => {
    expect(timeInStatus([], s(100), s(0))).toEqual({
      queued: 0,
      working: 0,
      waitingOnYou: 0,
      other: 0,
      total: 0,
      sinceFirstObserved: true,
    });
  });

  it('never counts negative time when now is behind the last observation', () => {
    const result = timeInStatus(history(['pending', 0], ['running', 10]), s(5), s(0));
    expect(result.working).toBe(0);
    expect(result.queued).toBe(10_000);
  });
});
