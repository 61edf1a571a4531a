/** "Trace Stress Test": exactly `ctx.longTraceSteps` steps (plan, tool calls cycling search, read,
 *  extract, note, and `complete`), generated lazily; only every 500th step takes time (0003). */
import { randomInt, stepDuration } from './timing';
import type { AgentScript, ScriptStep } from './types';

export const LONG_TRACE_TOOLS = ['search', 'read_page', 'extract', 'note'] as const;

/** Steps between two paced steps. */
export const LONG_TRACE_PACE = 500;

export const longTraceScript: AgentScript = function* (input, ctx) {
  const total = Math.max(1, Math.floor(ctx.longTraceSteps));
  const duration = (index: number) =>
    index === 1 || index % LONG_TRACE_PACE === 0 ? stepDuration(ctx.random) : 0;
  const query = input.query?.replace(/\s+/g, ' ').trim() ?? '';
  const topic =
    query === '' ? 'the research topic' : query.length > 60 ? `${query.slice(0, 59)}…` : query;
  const topicSlug =
    topic
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'topic';
  const toolSteps = Math.max(0, total - 2);
  const sources = Math.ceil(toolSteps / LONG_TRACE_TOOLS.length);

  if (total >= 2) {
    yield {
      kind: 'message',
      content: `Researching ${topic}: I will work through ${sources} ${sources === 1 ? 'source' : 'sources'} (search, read, extract, note for each), ${toolSteps} tool calls in all.`,
      durationMs: duration(1),
    };
  }

  const call = (name: string, args: Record<string, unknown>, output: unknown): ScriptStep => ({
    kind: 'tool_call',
    name,
    arguments: args,
    output,
  });
  let facts = 0;
  let lastFacts = 0;
  let characters = 0;
  for (let k = 0; k < toolSteps; k++) {
    const source = Math.floor(k / LONG_TRACE_TOOLS.length) + 1;
    const url = `https://example.org/${topicSlug}/source-${source}`;
    const tool = LONG_TRACE_TOOLS[k % LONG_TRACE_TOOLS.length];
    let step: ScriptStep;
    if (tool === 'search') {
      const output = { results: randomInt(ctx.random, 3, 12), top: url };
      step = call('search', { query: `${topic} source ${source}` }, output);
    } else if (tool === 'read_page') {
      const read = randomInt(ctx.random, 800, 12_000);
      characters += read;
      step = call('read_page', { url }, { title: `Source ${source}: ${topic}`, characters: read });
    } else if (tool === 'extract') {
      lastFacts = randomInt(ctx.random, 0, 5);
      facts += lastFacts;
      step = call('extract', { url, fields: ['claim', 'date', 'figure'] }, { facts: lastFacts });
    } else {
      const text = `Source ${source}: ${lastFacts} ${lastFacts === 1 ? 'fact' : 'facts'} recorded.`;
      step = call('note', { text }, { saved: true, note_id: `note-${source}` });
    }
    yield { ...step, durationMs: duration(k + 2) };
  }

  yield {
    kind: 'complete',
    summary:
      toolSteps === 0
        ? `Nothing to research in a trace of ${total} ${total === 1 ? 'step' : 'steps'}.`
        : `Finished researching ${topic}: ${toolSteps} tool calls over ${sources} sources, ${characters.toLocaleString('en-US')} characters read and ${facts} facts noted.`,
    durationMs: duration(total),
  };
};
