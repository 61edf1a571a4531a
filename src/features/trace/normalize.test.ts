import { describe, expect, it } from 'vitest';
import { displayName, kindOfWord, normalizeFeed, normalizeItem, parseTime } from './normalize';

const T0 = Date.parse('2026-05-11T10:15:00Z');

describe('normalizeItem: the simulator feed', () => {
  it('reads a tool call with its arguments, output, time and duration', () => {
    const raw = {
      id: 'a',
      type: 'tool_call',
      role: 'tool',
      name: 'read_file',
      arguments: { filename: 'invoice.csv' },
      content: null,
      output: { lines: 4 },
      result: null,
      created_at: '2026-05-11T10:15:01.500Z',
      duration_ms: 700,
    };
    expect(normalizeItem(raw, 3)).toEqual({
      index: 3,
      kind: 'tool_call',
      name: 'read_file',
      role: 'tool',
      time: T0 + 1500,
      timeIsStart: false,
      durationMs: 700,
      arguments: { filename: 'invoice.csv' },
      output: { lines: 4 },
      error: undefined,
      raw,
    });
  });

  it('reads the special steps, messages and errors', () => {
    const ask = normalizeItem(
      { type: 'ask_user', role: 'assistant', name: 'ask_user', content: 'Which total?' },
      0,
    );
    expect(ask).toMatchObject({ kind: 'ask_user', output: 'Which total?' });
    expect(displayName(ask)).toBeUndefined();

    const done = normalizeItem(
      {
        type: 'task_complete',
        name: 'task_complete',
        content: 'Done',
        result: { structuredContent: { summary: 'Done' } },
      },
      1,
    );
    expect(done).toMatchObject({ kind: 'task_complete', output: { structuredContent: {} } });

    expect(normalizeItem({ type: 'message', role: 'user', content: 'Hi' }, 2)).toMatchObject({
      kind: 'message',
      role: 'user',
      output: 'Hi',
    });
    expect(normalizeItem({ type: 'error', content: 'Page 3 failed' }, 3)).toMatchObject({
      kind: 'error',
      error: 'Page 3 failed',
    });
  });
});

describe('normalizeItem: other spellings', () => {
  it('reads OpenAI-style tool calls with JSON-string arguments', () => {
    const step = normalizeItem(
      {
        object: 'thread.run.step',
        role: 'assistant',
        tool_calls: [{ function: { name: 'lookup', arguments: '{"sku":"A-1"}' } }],
        createdAt: 1_778_494_500,
      },
      0,
    );
    expect(step).toMatchObject({
      kind: 'tool_call',
      name: 'lookup',
      arguments: { sku: 'A-1' },
      time: 1_778_494_500_000,
    });
  });

  it('reads kind from event, tool from tool/tool_name, output from observation/response', () => {
    expect(
      normalizeItem({ event: 'on_tool_end', tool: 'search', input: 'bikes', observation: 3 }, 0),
    ).toMatchObject({ kind: 'tool_call', name: 'search', arguments: 'bikes', output: 3 });
    expect(
      normalizeItem({ kind: 'ToolUse', tool_name: 'fetch', args: { url: 'x' }, response: 'ok' }, 1),
    ).toMatchObject({ kind: 'tool_call', name: 'fetch', arguments: { url: 'x' }, output: 'ok' });
    expect(normalizeItem({ function_call: { name: 'f', arguments: 'not json' } }, 2)).toMatchObject(
      { kind: 'tool_call', name: 'f', arguments: 'not json' },
    );
    expect(normalizeItem({ tool: { name: 'calc' }, parameters: { a: 1 } }, 3)).toMatchObject({
      kind: 'tool_call',
      name: 'calc',
      arguments: { a: 1 },
    });
  });

  it('reads times as ISO, epoch seconds, epoch milliseconds and digit strings', () => {
    expect(parseTime('2026-05-11T10:15:00Z')).toBe(T0);
    expect(parseTime(T0 / 1000)).toBe(T0);
    expect(parseTime(T0)).toBe(T0);
    expect(parseTime(String(T0))).toBe(T0);
    expect(parseTime('yesterday')).toBeUndefined();
    expect(parseTime(0)).toBeUndefined();
    expect(parseTime(1e300)).toBeUndefined();
    expect(normalizeItem({ type: 'message', timestamp: T0 }, 0).time).toBe(T0);
    expect(normalizeItem({ type: 'message', at: '2026-05-11T10:15:00Z' }, 0).time).toBe(T0);
    expect(normalizeItem({ type: 'message', time: T0 / 1000 }, 0).time).toBe(T0);
  });

  it('takes started_at as a start, with the duration from ended_at', () => {
    expect(
      normalizeItem(
        { type: 'tool', started_at: T0, ended_at: T0 + 2500, name: 'x', arguments: {} },
        0,
      ),
    ).toMatchObject({ time: T0, timeIsStart: true, durationMs: 2500 });
  });

  it('finds errors in error, exception and status fields', () => {
    expect(normalizeItem({ type: 'tool_call', name: 'x', error: 'boom' }, 0)).toMatchObject({
      kind: 'tool_call',
      error: 'boom',
    });
    expect(normalizeItem({ exception: { message: 'bad' } }, 0)).toMatchObject({
      kind: 'error',
      error: { message: 'bad' },
    });
    expect(normalizeItem({ type: 'step', status: 'error', message: 'timed out' }, 0)).toMatchObject(
      { kind: 'error', error: 'timed out' },
    );
    expect(normalizeItem({ type: 'tool_call', error: null }, 0).error).toBeUndefined();
  });

  it('falls back to the role, and keeps what it cannot place as unknown', () => {
    expect(normalizeItem({ role: 'assistant', text: 'Thinking' }, 0)).toMatchObject({
      kind: 'message',
      output: 'Thinking',
    });
    expect(normalizeItem({ author: { role: 'user' }, content: 'Hi' }, 0)).toMatchObject({
      kind: 'message',
      role: 'user',
    });
    const odd = { widget: 7, colour: 'blue' };
    expect(normalizeItem(odd, 5)).toMatchObject({ kind: 'unknown', index: 5, raw: odd });
    expect(normalizeItem(null, 6)).toMatchObject({ kind: 'unknown', raw: null });
    expect(normalizeItem([1, 2], 7)).toMatchObject({ kind: 'unknown' });
    expect(normalizeItem('plain words', 8)).toMatchObject({
      kind: 'message',
      output: 'plain words',
    });
    expect(normalizeItem({ type: 'telemetry.ping' }, 9).kind).toBe('unknown');
  });

  it('maps kind words exactly, by their last part and by their tokens', () => {
    expect(kindOfWord('thread.message')).toBe('message');
    expect(kindOfWord('FinalAnswer')).toBe('task_complete');
    expect(kindOfWord('on_chat_model_end')).toBe('message');
    expect(kindOfWord('ToolCallFailed')).toBe('error');
    expect(kindOfWord('human_input')).toBe('ask_user');
    expect(kindOfWord('task')).toBeUndefined();
    expect(kindOfWord('')).toBeUndefined();
  });
});

describe('normalizeFeed', () => {
  it('counts offsets from the task start and the time to the next timed step', () => {
    const feed = normalizeFeed(
      [
        { type: 'message', created_at: T0 + 1000 },
        { type: 'message' },
        { type: 'message', created_at: T0 + 4000 },
      ],
      T0,
    );
    expect(feed.start).toBe(T0);
    expect(feed.end).toBe(T0 + 4000);
    expect(feed.steps.map((step) => [step.offsetMs, step.untilNextMs])).toEqual([
      [1000, 3000],
      [undefined, undefined],
      [4000, undefined],
    ]);
  });

  it('starts at the earliest step without a task start, and copes with no times at all', () => {
    expect(normalizeFeed([{ at: T0 + 5 }, { at: T0 }]).start).toBe(T0);
    const untimed = normalizeFeed([{ a: 1 }, 'b']);
    expect(untimed.start).toBeUndefined();
    expect(untimed.steps).toHaveLength(2);
  });
});

describe('kinds named like properties of Object', () => {
  it('reads `constructor` and its kin as no known kind', () => {
    for (const word of ['constructor', 'thread.constructor', '__proto__', 'toString', 'valueOf']) {
      expect(kindOfWord(word)).toBeUndefined();
    }
    expect(normalizeItem({ type: 'constructor', content: 'x' }, 0).kind).toBe('message');
    expect(normalizeItem({ type: 'constructor', payload: 1 }, 0).kind).toBe('unknown');
  });
});

describe('failed tool calls', () => {
  const call = (output: unknown) =>
    normalizeItem({ type: 'tool_call', name: 'fetch_page', arguments: { page: 3 }, output }, 0);

  it('marks a tool call whose output carries an HTTP 4xx/5xx or an error as failed, keeping its kind', () => {
    for (const output of [
      { status: 502, message: 'Bad Gateway' },
      { status_code: '404' },
      { statusCode: 429 },
      '502 Bad Gateway',
      'HTTP/1.1 500 Internal Server Error',
      { error: { status: 502, message: 'Bad Gateway' } },
      { error: 'quota exceeded' },
    ]) {
      expect(call(output)).toMatchObject({ kind: 'tool_call', error: output });
    }
  });

  it('leaves successful outputs and numbers that are not statuses alone', () => {
    for (const output of [
      { status: 200 },
      { status: 'ok' },
      '404 results found',
      { count: 502 },
      { error: null, rows: 3 },
      { error: false },
    ]) {
      expect(call(output).error).toBeUndefined();
    }
    // Only tool calls: a message that quotes a status line is not a failure.
    expect(normalizeItem({ type: 'message', content: '502 Bad Gateway' }, 0).error).toBeUndefined();
  });

  it('still reads an error field as the failure', () => {
    const error = { status: 502, message: 'Bad Gateway' };
    expect(normalizeItem({ type: 'tool_call', name: 'x', error }, 0)).toMatchObject({
      kind: 'tool_call',
      error,
    });
  });
});
