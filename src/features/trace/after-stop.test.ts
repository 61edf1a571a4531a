import { describe, expect, it } from 'vitest';
import { firstAfterStop, landedAt } from './after-stop';
import { normalizeFeed } from './normalize';

const T0 = Date.parse('2026-05-11T10:15:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const stepsOf = (feed: unknown[]) => normalizeFeed(feed, T0).steps;

describe('firstAfterStop', () => {
  const feed = [
    { type: 'message', content: 'Researching', created_at: at(2_000) },
    { type: 'tool_call', name: 'web_search', output: {}, created_at: at(14_000) },
    // Stopped at +20 s; the search in flight landed 10 s later.
    { type: 'tool_call', name: 'web_search', output: {}, created_at: at(30_000) },
  ];

  it('is the first step that landed after the stop', () => {
    expect(firstAfterStop(stepsOf(feed), T0 + 20_000)).toBe(2);
  });

  it('is undefined when every step landed by the stop, or the stop is unknown', () => {
    expect(firstAfterStop(stepsOf(feed), T0 + 30_000)).toBeUndefined();
    expect(firstAfterStop(stepsOf(feed), undefined)).toBeUndefined();
    expect(firstAfterStop(stepsOf(feed), Number.NaN)).toBeUndefined();
    expect(firstAfterStop([], T0)).toBeUndefined();
  });

  it('counts untimed steps by their place in the feed', () => {
    const steps = stepsOf([
      { type: 'message', content: 'no time' },
      ...feed,
      { type: 'message', content: 'no time either' },
    ]);
    expect(firstAfterStop(steps, T0 + 20_000)).toBe(3);
    expect(steps).toHaveLength(5);
  });

  it('times a step that says when it started by when it ended', () => {
    const steps = stepsOf([
      { type: 'tool_call', name: 'fetch', started_at: at(15_000), ended_at: at(25_000) },
    ]);
    expect(landedAt(steps[0]!)).toBe(T0 + 25_000);
    expect(firstAfterStop(steps, T0 + 20_000)).toBe(0);
  });
});
