/** "Deep Researcher": a long, steady run (16 rounds of 10–16 virtual seconds, about 3.5 minutes)
 *  to watch live or stop midway (decision 0003). */
import { readRunFile } from './files';
import { randomInt } from './timing';
import type { AgentScript } from './types';

export const RESEARCH_ROUNDS = 16;
const FACETS = [
  'market size',
  'main competitors',
  'pricing',
  'regulation',
  'recent news',
  'customer reviews',
  'growth forecast',
  'risks',
] as const;
const STOP_WORDS = new Set(
  'a an and the of for to in on about please research find out what how is are with into me our'.split(
    ' ',
  ),
);

/** The topic a query names: its content words, at most eight, or a stand-in. */
export function researchTopic(query: string | null): string {
  const words = (query ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .slice(0, 8);
  return words.length > 0 ? words.join(' ') : 'the attached material';
}

export const researcherScript: AgentScript = function* (input, ctx) {
  const topic = researchTopic(input.query);
  const round = () => randomInt(ctx.random, 10_000, 16_000);
  yield {
    kind: 'message',
    content: `Researching “${topic}” in ${RESEARCH_ROUNDS} rounds${input.files.length > 0 ? `, starting with the ${input.files.length} attached ${input.files.length === 1 ? 'file' : 'files'}` : ''}.`,
    durationMs: 2_000,
  };

  for (const file of input.files) yield readRunFile(file, round(), () => null).step;

  const sources: string[] = [];
  for (let index = 0; index < RESEARCH_ROUNDS; index++) {
    const facet = FACETS[index % FACETS.length] ?? 'overview';
    const source = `https://example.org/${topic.replace(/\s+/g, '-')}/${facet.replace(/\s+/g, '-')}`;
    sources.push(source);
    yield {
      kind: 'tool_call',
      name: 'web_search',
      arguments: { query: `${topic} ${facet}` },
      output: { results: [{ title: `${topic}: ${facet}`, url: source }], took_ms: round() },
      durationMs: round(),
    };
    if ((index + 1) % 4 === 0 && index + 1 < RESEARCH_ROUNDS) {
      yield {
        kind: 'message',
        content: `${index + 1} of ${RESEARCH_ROUNDS} rounds done; next: ${FACETS[(index + 1) % FACETS.length]}.`,
        durationMs: 1_000,
      };
    }
  }

  yield {
    kind: 'complete',
    summary: [
      `## Research notes: ${topic}`,
      '',
      ...FACETS.map((facet) => `- **${facet}**: see ${sources[FACETS.indexOf(facet)]}`),
      ...(input.files.length > 0
        ? ['', `Read first: ${input.files.map((f) => f.name).join(', ')}.`]
        : []),
    ].join('\n'),
    durationMs: 2_000,
  };
};
