import { describe, expect, it } from 'vitest';
import { normalizeFeed } from './normalize';
import { traceToMarkdown, utf8Length } from './trace-markdown';

const T0 = Date.parse('2026-05-11T10:15:00Z');

function markdown(items: unknown[], options?: Parameters<typeof traceToMarkdown>[1]) {
  const feed = normalizeFeed(items, T0);
  return traceToMarkdown(
    { taskId: 't-1', title: 'Invoice run', status: 'completed', ...feed },
    options,
  );
}

describe('traceToMarkdown', () => {
  it('writes every step of a small trace in order, with its payloads', () => {
    const text = markdown([
      { type: 'message', role: 'user', content: 'Extract it', created_at: T0 },
      {
        type: 'tool_call',
        name: 'read_file',
        arguments: { filename: 'a.csv' },
        output: { rows: 3 },
        created_at: T0 + 1200,
        duration_ms: 1200,
      },
      { type: 'task_complete', name: 'task_complete', content: 'Done `ok`', created_at: T0 + 2000 },
    ]);
    expect(text).toContain('# Trace of "Invoice run" (task t-1)');
    expect(text).toContain('- Steps: 3 (1 Message, 1 Tool call, 1 Task complete)');
    expect(text).toContain('2. Tool call `read_file` · +1.2 s · took 1.2 s');
    expect(text).toContain('   - arguments: `{"filename":"a.csv"}`');
    expect(text).toContain('   - output: `{"rows":3}`');
    expect(text).toContain('3. Task complete · +2 s');
    expect(text).toContain('`` Done `ok` ``');
    expect(text).not.toContain('elided');
    expect(text.indexOf('1. Message')).toBeLessThan(text.indexOf('2. Tool call'));
  });

  it('cuts long payloads to the limit and says how much was cut', () => {
    const text = markdown([{ type: 'message', content: 'y'.repeat(1000) }], {
      payloadChars: 50,
    });
    expect(text).toContain(`${'y'.repeat(50)}… (+950 chars)`);
    expect(text).toContain('1 payloads cut to 50 characters');
  });

  it('keeps a 10,000-step trace under budget, with its errors, ends and elided stretches', () => {
    const items: unknown[] = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'tool_call',
      name: ['search', 'read_page', 'extract', 'note'][i % 4],
      arguments: { query: `topic ${i} `.repeat(30) },
      output: { results: i },
    }));
    items[5_000] = { type: 'error', content: 'Source 1250 timed out' };
    items[9_999] = { type: 'task_complete', name: 'task_complete', content: 'Finished' };
    const text = markdown(items);
    expect(utf8Length(text)).toBeLessThanOrEqual(50_000);
    expect(text).toContain('1. Tool call `search`');
    expect(text).toContain('5001. Error');
    expect(text).toContain('Source 1250 timed out');
    expect(text).toContain('10000. Task complete');
    expect(text).toMatch(/_… [\d,]+ steps elided \(#[\d,]+–#[\d,]+: \w+ ×/);
    expect(text).toMatch(/Elided to stay under 50 KB: [\d,]+ of 10,000 steps left out/);
  });

  it('shows unknown items as their raw JSON', () => {
    expect(markdown([{ widget: 7 }])).toContain('1. Unknown\n   - raw: `{"widget":7}`');
  });
});

describe('traceToMarkdown and hostile text', () => {
  it('names a step of type `constructor` by a kind, never `undefined`', () => {
    const text = markdown([{ type: 'constructor', payload: 1 }]);
    expect(text).not.toContain('undefined');
    expect(text).toContain('1. Unknown');
    expect(text).toContain('(1 Unknown)');
  });

  it('spells out hidden characters in the title, names, roles and payloads', () => {
    const feed = normalizeFeed(
      [
        {
          type: 'tool_call',
          name: 'pay\u200B',
          role: 'to\u202Eol',
          arguments: { f: 'invoice\u202Efdp.exe' },
        },
      ],
      T0,
    );
    const text = traceToMarkdown({
      taskId: 't-1',
      title: 'Invoice\u202E',
      status: 'completed',
      ...feed,
    });
    expect(text).not.toMatch(/[\u200B\u202E]/);
    expect(text).toContain('# Trace of "Invoice[U+202E]"');
    expect(text).toContain('`pay[U+200B]` (to[U+202E]ol)');
    expect(text).toContain('invoice[U+202E]fdp.exe');
  });
});
