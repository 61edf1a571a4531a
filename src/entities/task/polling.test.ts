import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { recordRead } from '@/api/request-health';
import { TASK_STATUSES } from '@/api/schemas';
import {
  ARRIVALS_REFRESH_MS,
  detailPollInterval,
  listPollInterval,
  resultRefreshGap,
  waitAfterFailure,
  type PollSubject,
} from './polling';
import { isTerminal, LIVE_STATUSES, TERMINAL_STATUSES } from './status';

const CREATED = Date.UTC(2026, 4, 12, 10, 15, 0);
const SECOND = 1_000;
const MINUTE = 60_000;

/** A subject created at CREATED; `age` is how long ago, seen from `now`. */
function at(age: number, status: string | undefined, lastActionAgo?: number) {
  const now = CREATED + age;
  const subject: PollSubject = {
    status,
    createdAt: CREATED,
    lastActionAt: lastActionAgo === undefined ? undefined : now - lastActionAgo,
  };
  return { subject, now };
}

describe('status sets', () => {
  it('splits the API statuses into live and terminal with nothing left over', () => {
    expect([...LIVE_STATUSES, ...TERMINAL_STATUSES].sort()).toEqual([...TASK_STATUSES].sort());
    expect(TERMINAL_STATUSES).toEqual(['completed', 'failed', 'stopped']);
  });

  it.each([
    ['completed', true],
    ['failed', true],
    ['stopped', true],
    ['pending', false],
    ['queued', false],
    ['running', false],
    ['waiting_for_input', false],
    ['awaiting_review', false],
    ['hibernating', false],
    ['COMPLETED', false],
    ['', false],
    [undefined, false],
  ])('isTerminal(%j) is %s', (status, expected) => {
    expect(isTerminal(status)).toBe(expected);
  });
});

describe('detailPollInterval', () => {
  it.each<[string, number, string | undefined, number | undefined, number | false]>([
    // The first 10 s of a task's life: every second, whatever the status.
    ['new pending', 0, 'pending', undefined, 1_000],
    ['new running', 5 * SECOND, 'running', undefined, 1_000],
    ['new waiting', 9_999, 'waiting_for_input', undefined, 1_000],
    ['new awaiting review', 9_999, 'awaiting_review', undefined, 1_000],
    ['new unknown', 9_999, 'hibernating', undefined, 1_000],
    // …and not one millisecond longer.
    ['pending at 10 s', 10_000, 'pending', undefined, 2_000],
    ['queued at 10 s', 10_000, 'queued', undefined, 2_000],
    ['running at 10 s', 10_000, 'running', undefined, 2_000],
    ['waiting at 10 s', 10_000, 'waiting_for_input', undefined, 5_000],
    ['review at 10 s', 10_000, 'awaiting_review', undefined, 5_000],
    // Running slows down with age.
    ['running just under a minute', 59_999, 'running', undefined, 2_000],
    ['running at a minute', 60_000, 'running', undefined, 5_000],
    ['running just under five minutes', 299_999, 'running', undefined, 5_000],
    ['running at five minutes', 300_000, 'running', undefined, 10_000],
    ['running for a day', 24 * 60 * MINUTE, 'running', undefined, 10_000],
    // The other live statuses do not slow down with age.
    ['pending for an hour', 60 * MINUTE, 'pending', undefined, 2_000],
    ['queued for an hour', 60 * MINUTE, 'queued', undefined, 2_000],
    ['waiting for an hour', 60 * MINUTE, 'waiting_for_input', undefined, 5_000],
    ['review for an hour', 60 * MINUTE, 'awaiting_review', undefined, 5_000],
    // Unknown or missing status: polled like running.
    ['unknown at 30 s', 30 * SECOND, 'hibernating', undefined, 2_000],
    ['unknown at 2 min', 2 * MINUTE, 'hibernating', undefined, 5_000],
    ['unknown at 10 min', 10 * MINUTE, 'hibernating', undefined, 10_000],
    ['missing status at 10 min', 10 * MINUTE, undefined, undefined, 10_000],
    // A reply or cancel opens another 10 s fast window.
    ['just replied', 10 * MINUTE, 'waiting_for_input', 0, 1_000],
    ['replied 9.999 s ago', 10 * MINUTE, 'running', 9_999, 1_000],
    ['replied 10 s ago', 10 * MINUTE, 'running', 10_000, 10_000],
    ['replied 10 s ago, waiting again', 10 * MINUTE, 'waiting_for_input', 10_000, 5_000],
    ['replied long ago', 10 * MINUTE, 'running', 5 * MINUTE, 10_000],
    // Terminal: never again, even inside either fast window.
    ['completed at birth', 0, 'completed', undefined, false],
    ['failed within 10 s', 9_999, 'failed', undefined, false],
    ['stopped right after a cancel', 10 * MINUTE, 'stopped', 0, false],
    ['completed later', 10 * MINUTE, 'completed', undefined, false],
  ])('%s → %s', (_name, age, status, lastActionAgo, expected) => {
    const { subject, now } = at(age, status, lastActionAgo);
    expect(detailPollInterval(subject, now)).toBe(expected);
  });

  it('polls a task of unknown age as one past its first minute, not every second for ever', () => {
    const now = CREATED + 10 * MINUTE;
    expect(detailPollInterval({ status: 'running', createdAt: undefined }, now)).toBe(5_000);
    expect(detailPollInterval({ status: 'queued', createdAt: undefined }, now)).toBe(2_000);
    expect(detailPollInterval({ status: 'completed', createdAt: undefined }, now)).toBe(false);
    // …but the person's own action still opens the fast window.
    const acted = { status: 'running', createdAt: undefined, lastActionAt: now - 3_000 };
    expect(detailPollInterval(acted, now)).toBe(1_000);
    // An unreadable time is skew, not absence: fresher rather than staler.
    expect(detailPollInterval({ status: 'running', createdAt: Number.NaN }, now)).toBe(1_000);
  });

  it('treats a createdAt in the future (clock skew) as age 0', () => {
    const now = CREATED;
    const subject = { status: 'running', createdAt: CREATED + 5 * MINUTE };
    expect(detailPollInterval(subject, now)).toBe(1_000);
  });

  it('treats a lastActionAt in the future as an action just now', () => {
    const now = CREATED + 10 * MINUTE;
    const subject = { status: 'running', createdAt: CREATED, lastActionAt: now + 3 * SECOND };
    expect(detailPollInterval(subject, now)).toBe(1_000);
  });

  it('never waits longer than 30 s for any live status at any age', () => {
    const now = CREATED + 7 * 24 * 60 * MINUTE;
    for (const status of [...LIVE_STATUSES, 'hibernating', undefined]) {
      const interval = detailPollInterval({ status, createdAt: CREATED }, now);
      expect(interval).not.toBe(false);
      expect(interval).toBeLessThanOrEqual(30_000);
    }
  });
});

describe('listPollInterval', () => {
  const now = CREATED + 10 * MINUTE;
  const old = (status: string | undefined): PollSubject => ({ status, createdAt: CREATED });

  it('polls as often as the most eager live task needs', () => {
    expect(listPollInterval([old('running'), old('waiting_for_input')], now)).toBe(5_000);
    expect(listPollInterval([old('running'), old('queued'), old('completed')], now)).toBe(2_000);
    expect(
      listPollInterval(
        [
          old('running'),
          { status: 'running', createdAt: now - 3 * SECOND },
          old('awaiting_review'),
        ],
        now,
      ),
    ).toBe(1_000);
  });

  it('ignores terminal tasks, however fast they would otherwise be', () => {
    const justFinished = { status: 'failed', createdAt: now - SECOND, lastActionAt: now };
    expect(listPollInterval([justFinished, old('running')], now)).toBe(10_000);
  });

  it('counts a task without a status as live', () => {
    expect(listPollInterval([old('completed'), old(undefined)], now)).toBe(10_000);
  });

  it('stops when nothing is live', () => {
    expect(listPollInterval([], now)).toBe(false);
    expect(listPollInterval([old('completed'), old('failed'), old('stopped')], now)).toBe(false);
  });
});

describe('first page refresh', () => {
  it('re-reads the first page every 15 s', () => {
    expect(ARRIVALS_REFRESH_MS).toBe(15_000);
  });
});

describe('resultRefreshGap', () => {
  it('re-reads a feed under 1 MB every 2 s at most', () => {
    expect(resultRefreshGap(0, 5)).toBe(2_000);
    expect(resultRefreshGap(999_999, 900)).toBe(2_000);
  });

  it('waits ten times its last download above 1 MB, never less than 2 s', () => {
    expect(resultRefreshGap(1_000_000, 50)).toBe(2_000);
    expect(resultRefreshGap(3_000_000, 450)).toBe(4_500);
    expect(resultRefreshGap(3_000_000, 1_234.25)).toBe(12_343);
  });
});

describe('waitAfterFailure', () => {
  const failure = (status: number, retryAfter?: number) =>
    new ApiError({ kind: 'http', status, message: 'x', retryAfter, method: 'GET', path: '/w' });

  it('waits the backoff drawn when the failure was recorded, however often asked', () => {
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.5).mockReturnValue(0);
    recordRead('/w', failure(503), 0);
    expect(waitAfterFailure('/w', 0)).toBe(500);
    expect(waitAfterFailure('/w', 100)).toBe(500);
    vi.restoreAllMocks();
  });

  it('waits out what is left of a 429’s hold', () => {
    recordRead('/w', failure(429, 3), 10_000);
    expect(waitAfterFailure('/w', 11_000)).toBe(2_000);
  });

  it('takes the first step of the schedule when the resource answered since', () => {
    recordRead('/w', failure(503), 0);
    recordRead('/w', undefined, 1);
    expect(waitAfterFailure('/w', 2)).toBe(1_000);
    expect(waitAfterFailure('/never-read', 2)).toBe(1_000);
  });
});
