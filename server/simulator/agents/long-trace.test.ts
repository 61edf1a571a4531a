import { describe, expect, it } from 'vitest';
import { LONG_TRACE_PACE, longTraceScript } from './long-trace';
import { context, drive, runInput } from './test-support';

describe('long trace', () => {
  it('yields exactly 10 steps for N = 10, plan first and complete last', () => {
    const steps = drive(longTraceScript, runInput('EU battery regulation'), context(1, 10));
    expect(steps).toHaveLength(10);
    expect(steps[0]?.kind).toBe('message');
    expect(steps[9]?.kind).toBe('complete');
    expect(steps.slice(1, 9).map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'search',
      'read_page',
      'extract',
      'note',
      'search',
      'read_page',
      'extract',
      'note',
    ]);
    expect(steps[1]).toMatchObject({ arguments: { query: 'EU battery regulation source 1' } });
    expect(steps[6]).toMatchObject({
      arguments: { url: 'https://example.org/eu-battery-regulation/source-2' },
    });
  });

  it('yields exactly 10,000 steps, pacing only the first and every 500th', () => {
    const steps = drive(longTraceScript, runInput(null), context(7, 10_000));
    expect(steps).toHaveLength(10_000);
    expect(steps.at(-1)?.kind).toBe('complete');
    const paced = steps.flatMap((s, i) => ((s.durationMs ?? 0) > 0 ? [i + 1] : []));
    expect(paced).toEqual([1, ...Array.from({ length: 20 }, (_, i) => (i + 1) * LONG_TRACE_PACE)]);
    for (const s of steps) expect(s.durationMs).toBeDefined();
  });

  it('handles the smallest sizes', () => {
    expect(drive(longTraceScript, runInput(null), context(1, 1)).map((s) => s.kind)).toEqual([
      'complete',
    ]);
    expect(drive(longTraceScript, runInput(null), context(1, 2)).map((s) => s.kind)).toEqual([
      'message',
      'complete',
    ]);
  });

  it('generates lazily: the first steps of a billion-step trace come at once', () => {
    const gen = longTraceScript(runInput(null), context(1, 1_000_000_000));
    const first = gen.next();
    expect(first.value).toMatchObject({
      kind: 'message',
      content: expect.stringContaining('999999998 tool calls') as unknown,
    });
    for (let i = 0; i < 1000; i++) expect(gen.next().done).toBe(false);
  });

  it('reports totals that add up in its summary', () => {
    const steps = drive(longTraceScript, runInput('x'), context(5, 42));
    const facts = steps.reduce(
      (sum, s) =>
        sum +
        (s.kind === 'tool_call' && s.name === 'extract'
          ? (s.output as { facts: number }).facts
          : 0),
      0,
    );
    expect(steps.at(-1)).toMatchObject({
      summary: expect.stringContaining(`${facts} facts noted`) as unknown,
    });
  });
});
