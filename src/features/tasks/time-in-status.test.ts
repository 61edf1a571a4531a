import { describe, expect, it } from 'vitest';
import {
  completedAtOf,
  feedTimes,
  timeInStatus,
  type ServerTimes,
  type StatusTime,
} from './time-in-status';

const T0 = Date.UTC(2026, 4, 12, 10, 15, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(s(seconds)).toISOString();

/** A feed item as the simulator sends it: landed at `at` s, having taken `took` s. */
function item(at: number, fields: Record<string, unknown>, took?: number) {
  return { created_at: iso(at), duration_ms: took === undefined ? null : took * 1000, ...fields };
}
const user = (at: number, content = 'reply') =>
  item(at, { type: 'message', role: 'user', content });
const tool = (at: number, took?: number) =>
  item(at, { type: 'tool_call', role: 'tool', name: 'web_search' }, took);
const ask = (at: number, took?: number) =>
  item(at, { type: 'ask_user', role: 'assistant', name: 'ask_user' }, took);

const shown = (parts: StatusTime[] | undefined) =>
  Object.fromEntries(
    (parts ?? []).map((part) => [part.part, `${part.ms / 1000}${part.estimated ? '~' : ''}`]),
  );

/** The figures from the timestamps alone, in seconds (`~` for estimated). */
function figures(times: ServerTimes, now = 0): Record<string, string> {
  return shown(timeInStatus(times, now)?.parts);
}

/** The split by the feed, in seconds (`~` for estimated). */
function split(times: ServerTimes, now = 0): Record<string, string> {
  return shown(timeInStatus(times, now)?.split);
}

describe('timeInStatus from the task’s timestamps alone', () => {
  it('gives a finished task its whole span, unsplit, ending at completed_at where known', () => {
    const times = { status: 'completed', createdAt: s(0), updatedAt: s(42) };
    expect(timeInStatus(times, s(999))).toEqual({
      total: 42_000,
      parts: [{ part: 'inAll', ms: 42_000, estimated: false }],
    });
    expect(figures({ ...times, completedAt: s(40) })).toEqual({ inAll: '40' });
  });

  it('does not depend on when or where it is computed once the task has ended', () => {
    const times = { status: 'failed', createdAt: s(0), updatedAt: s(12) };
    expect(timeInStatus(times, 0)).toEqual(timeInStatus(times, s(86_400)));
  });

  it('counts a task not yet started as queued, up to now', () => {
    expect(figures({ status: 'queued', createdAt: s(0), updatedAt: s(1) }, s(30))).toEqual({
      queued: '30',
    });
  });

  it('splits a waiting task at its last change, estimated', () => {
    expect(
      figures({ status: 'waiting_for_input', createdAt: s(0), updatedAt: s(20) }, s(50)),
    ).toEqual({ queuedOrWorking: '20~', waitingOnYou: '30~' });
  });

  it('leaves a running task unsplit', () => {
    expect(figures({ status: 'running', createdAt: s(0), updatedAt: s(3) }, s(9))).toEqual({
      queuedOrWorking: '9',
    });
  });

  it('needs a creation time, and never counts negative time', () => {
    expect(timeInStatus({ status: 'completed', createdAt: undefined, updatedAt: s(4) }, 0)).toBe(
      undefined,
    );
    expect(figures({ status: 'running', createdAt: s(10), updatedAt: s(10) }, s(5))).toEqual({
      queuedOrWorking: '0',
    });
  });
});

describe('timeInStatus with the feed’s step times', () => {
  it('splits queued, working and waiting on you from the steps, exactly where durations say', () => {
    const feed = feedTimes([
      user(0, 'Find the numbers'),
      tool(5, 3), // began at 2 s: queued 2 s
      ask(10, 1),
      user(25), // waited 15 s for the reply
      tool(40, 14),
      item(50, { type: 'task_complete', role: 'assistant', name: 'task_complete' }, 2),
    ]);
    expect(feed).toEqual({
      firstWork: { at: s(2), exact: true },
      waits: [{ from: s(10), to: s(25), exact: true }],
    });
    const times = { status: 'completed', createdAt: s(0), updatedAt: s(50), feed };
    expect(timeInStatus(times, 0)).toEqual({
      total: 50_000,
      // The same figures as a browser without the feed shows, and the split beside them.
      parts: [{ part: 'inAll', ms: 50_000, estimated: false }],
      split: [
        { part: 'queued', ms: 2_000, estimated: false },
        { part: 'working', ms: 33_000, estimated: false },
        { part: 'waitingOnYou', ms: 15_000, estimated: false },
      ],
    });
  });

  it('estimates where a step has no duration or a wait no recorded end', () => {
    const feed = feedTimes([
      user(0),
      tool(4),
      item(10, { type: 'review', role: 'assistant', name: 'send_email' }),
      tool(30, 5),
    ]);
    expect(feed.waits).toEqual([{ from: s(10), to: s(25), exact: false }]);
    expect(split({ status: 'completed', createdAt: s(0), updatedAt: s(30), feed })).toEqual({
      queued: '4~',
      working: '11~',
      waitingOnYou: '15~',
    });
  });

  it('ends a review at its decision where the feed records one', () => {
    const feed = feedTimes([
      tool(2, 2),
      item(10, {
        type: 'review',
        role: 'assistant',
        output: { decision: 'approved', decided_at: iso(18) },
      }),
      tool(25, 1),
    ]);
    expect(feed.waits).toEqual([{ from: s(10), to: s(18), exact: true }]);
  });

  it('runs an open wait up to now while the task still waits', () => {
    const feed = feedTimes([user(0), tool(3, 1), ask(6, 0)]);
    const times = { status: 'waiting_for_input', createdAt: s(0), updatedAt: s(6), feed };
    expect(split(times, s(20))).toEqual({ queued: '2', working: '4', waitingOnYou: '14' });
    expect(figures(times, s(20))).toEqual({ queuedOrWorking: '6~', waitingOnYou: '14~' });
  });

  it('stops an open wait at the end of a task stopped while it waited', () => {
    const feed = feedTimes([user(0), tool(3, 1), ask(6, 0)]);
    expect(split({ status: 'stopped', createdAt: s(0), updatedAt: s(16), feed })).toEqual({
      queued: '2',
      working: '4',
      waitingOnYou: '10',
    });
  });

  it('reads items leniently: other time fields, no times at all, odd entries', () => {
    expect(feedTimes([null, 'x', { type: 'tool_call' }, { timestamp: iso(3), type: 'x' }])).toEqual(
      { firstWork: { at: s(3), exact: false }, waits: [] },
    );
    expect(feedTimes([])).toEqual({ waits: [] });
  });

  it('gives no split while the feed holds no step of the agent, or the task has not started', () => {
    const feed = feedTimes([user(0)]);
    expect(
      timeInStatus({ status: 'running', createdAt: s(0), updatedAt: s(0), feed }, s(4)),
    ).toEqual({ total: 4_000, parts: [{ part: 'queuedOrWorking', ms: 4_000, estimated: false }] });
    const started = feedTimes([user(0), tool(2, 1)]);
    expect(
      split({ status: 'queued', createdAt: s(0), updatedAt: s(0), feed: started }, s(4)),
    ).toEqual({});
  });

  it('uses the end the timestamps give, so the split adds up to the same total', () => {
    const feed = feedTimes([user(0), tool(3, 1), tool(8, 2)]);
    const times = {
      status: 'completed',
      createdAt: s(0),
      updatedAt: s(12),
      completedAt: s(10),
      feed,
    };
    expect(figures(times)).toEqual({ inAll: '10' });
    expect(split(times)).toEqual({ queued: '2', working: '8', waitingOnYou: '0' });
  });
});

describe('completedAtOf', () => {
  it('finds completed_at on a task or in its answer', () => {
    expect(completedAtOf({ completed_at: iso(5) })).toBe(s(5));
    expect(completedAtOf({ status: 'completed', result: { completed_at: iso(6) } })).toBe(s(6));
    expect(completedAtOf({ result: 'just text' })).toBeUndefined();
    expect(completedAtOf(undefined)).toBeUndefined();
  });
});
