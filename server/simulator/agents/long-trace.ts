/**
 * "Trace Stress Test": a research run with thousands of tool calls, for testing how the dashboard
 * renders, paginates and virtualises a huge feed.
 *
 * It yields exactly `ctx.longTraceSteps` steps, counting everything: a plan message, tool calls
 * cycling through `search`, `read_page`, `extract` and `note` (four per source), and the final
 * `complete` (with N = 1 only the `complete`). Only the first step and every 500th step take
 * time (300–1500 virtual ms); all others have `durationMs: 0`, so the engine can land them in
 * bulk. Steps are generated lazily with O(1) state, whatever N is.
 */
import { randomInt, stepDuration } from './timing';
import type { AgentScript, ScriptStep } from './types';

export const LONG_TRACE_TOOLS = ['search', 'read_page', 'extract', 'note'] as const;

/** Steps between two paced steps. */
export const LONG_TRACE_PACE = 500;

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return s === '' ? 'topic' : s;
}

export const longTraceScript: AgentScript = function* (input, ctx) {
  const total = Math.max(1, Math.floor(ctx.longTraceSteps));
  const duration = (index: number) =>
    index === 1 || index % LONG_TRACE_PACE === 0 ? stepDuration(ctx.random) : 0;
  const query = input.query?.replace(/\s+/g, ' ').trim() ?? '';
  const topic =
    query === '' ? 'the research topic' : query.length > 60 ? `${query.slice(0, 59)}…` : query;
  const topicSlug = slug(topic);
  const toolSteps = Math.max(0, total - 2);
  const sources = Math.ceil(toolSteps / LONG_TRACE_TOOLS.length);

  if (total >= 2) {
    yield {
      kind: 'message',
      content: `Researching ${topic}: I will work through ${sources} ${sources === 1 ? 'source' : 'sources'} (search, read, extract, note for each), ${toolSteps} tool calls in all.`,
      durationMs: duration(1),
    };
  }

  let facts = 0;
  let lastFacts = 0;
  let characters = 0;
  for (let k = 0; k < toolSteps; k++) {
    const index = k + 2;
    const source = Math.floor(k / LONG_TRACE_TOOLS.length) + 1;
    const url = `https://example.org/${topicSlug}/source-${source}`;
    let step: ScriptStep;
    switch (LONG_TRACE_TOOLS[k % LONG_TRACE_TOOLS.length]) {
      case 'search':
        step = {
          kind: 'tool_call',
          name: 'search',
          arguments: { query: `${topic} source ${source}` },
          output: { results: randomInt(ctx.random, 3, 12), top: url },
        };
        break;
      case 'read_page': {
        const read = randomInt(ctx.random, 800, 12_000);
        characters += read;
        step = {
          kind: 'tool_call',
          name: 'read_page',
          arguments: { url },
          output: { title: `Source ${source}: ${topic}`, characters: read },
        };
        break;
      }
      case 'extract':
        lastFacts = randomInt(ctx.random, 0, 5);
        facts += lastFacts;
        step = {
          kind: 'tool_call',
          name: 'extract',
          arguments: { url, fields: ['claim', 'date', 'figure'] },
          output: { facts: lastFacts },
        };
        break;
      default:
        step = {
          kind: 'tool_call',
          name: 'note',
          arguments: {
            text: `Source ${source}: ${lastFacts} ${lastFacts === 1 ? 'fact' : 'facts'} recorded.`,
          },
          output: { saved: true, note_id: `note-${source}` },
        };
    }
    yield { ...step, durationMs: duration(index) };
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
