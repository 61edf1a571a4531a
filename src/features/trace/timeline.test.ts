import { describe, expect, it } from 'vitest';
import { normalizeFeed } from './normalize';
import {
  failedToolCalls,
  MAX_BUCKETS,
  stepAtTime,
  stripRuns,
  timeSegments,
  timeTotals,
} from './timeline';

const T0 = Date.parse('2026-05-11T10:15:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('timeSegments', () => {
  it('gives each step the time that produced it, the person the time they took to answer', () => {
    const feed = normalizeFeed(
      [
        { type: 'message', role: 'user', content: 'Go', created_at: at(0) },
        { type: 'message', role: 'assistant', created_at: at(2_000), duration_ms: 1_000 },
        { type: 'tool_call', name: 'x', created_at: at(5_000), duration_ms: 3_000 },
        { type: 'ask_user', name: 'ask_user', created_at: at(6_000), duration_ms: 1_000 },
        { type: 'message', role: 'user', content: 'Yes', created_at: at(16_000) },
        { type: 'task_complete', name: 'task_complete', created_at: at(17_000) },
      ],
      T0,
    );
    const segments = timeSegments(feed);
    expect(
      segments.map(({ from, to, category, index }) => [from - T0, to - T0, category, index]),
    ).toEqual([
      [0, 1_000, 'gap', 1],
      [1_000, 2_000, 'model', 1],
      [2_000, 5_000, 'tool', 2],
      [5_000, 6_000, 'model', 3],
      [6_000, 16_000, 'waiting', 4],
      [16_000, 17_000, 'model', 5],
    ]);
    expect(timeTotals(segments)).toEqual({
      total: 17_000,
      byCategory: { tool: 3_000, failed: 0, model: 3_000, waiting: 10_000, gap: 1_000 },
    });
    expect(stepAtTime(segments, T0 + 3_000)).toBe(2);
    expect(stepAtTime(segments, T0 + 99_000)).toBe(5);
  });

  it('places steps stamped with their start, and skips steps without a time', () => {
    const feed = normalizeFeed(
      [
        { type: 'tool', name: 'a', started_at: T0 + 1_000, ended_at: T0 + 3_000 },
        { type: 'message' },
        { type: 'tool', name: 'b', started_at: T0 + 5_000, duration_ms: 500 },
      ],
      T0,
    );
    expect(
      timeSegments(feed).map(({ from, to, category }) => [from - T0, to - T0, category]),
    ).toEqual([
      [0, 1_000, 'gap'],
      [1_000, 3_000, 'tool'],
      [3_000, 5_000, 'gap'],
      [5_000, 5_500, 'tool'],
    ]);
  });
});

describe('stripRuns', () => {
  it('draws 10,000 steps as at most 200 runs, by the category that fills each bucket', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      type: i % 2 === 0 ? 'tool_call' : 'message',
      name: 't',
      arguments: {},
      created_at: at((i + 1) * 100),
      duration_ms: i % 2 === 0 ? 90 : 50,
    }));
    const strip = stripRuns(timeSegments(normalizeFeed(items, T0)));
    expect(strip).toBeDefined();
    expect(strip?.runs.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(strip?.runs).toEqual([{ start: 0, end: 1, category: 'tool' }]);
  });

  it('has nothing to draw without time', () => {
    expect(stripRuns([])).toBeUndefined();
  });
});

describe('failed tool calls', () => {
  it('own their time as failed, and are listed for the count', () => {
    const feed = normalizeFeed(
      [
        { type: 'tool_call', name: 'a', created_at: at(1_000), output: { rows: 3 } },
        { type: 'tool_call', name: 'b', created_at: at(3_000), output: { status: 502 } },
        { type: 'tool_call', name: 'c', created_at: at(4_000), error: 'timed out' },
        { type: 'error', content: 'gave up', created_at: at(5_000) },
      ],
      T0,
    );
    const segments = timeSegments(feed);
    expect(segments.map(({ category }) => category)).toEqual(['tool', 'failed', 'failed', 'gap']);
    expect(timeTotals(segments).byCategory.failed).toBe(3_000);
    expect(failedToolCalls(feed.steps)).toEqual([1, 2]);
  });
});
