/**
 * "Deep Researcher": a long, steady run — sixteen rounds of searching and reading, ten to sixteen
 * virtual seconds each, about three and a half minutes in all — for watching a task live and for
 * stopping one while it works (at the end-to-end suite's 20× clock it still runs for ~10 s).
 *
 * What input does what:
 * - the query's words (minus filler) are the topic; each round searches the topic with one facet
 *   (market size, competitors, pricing, …) and "reads" the top result;
 * - attached text files are read first (`read_file`), and the figures found in them are quoted in
 *   the final notes, so the answer shows the agent looked at what it was given;
 * - every four rounds a short progress message lands in the feed;
 * - cancelled midway, the round in flight still lands and nothing after it (the engine's rule).
 */
import { decodeText, isTextLike, readFileOutput, readFileStep } from './files';
import { findFigures, formatMoney } from './figures';
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

  const figures: string[] = [];
  for (const file of input.files) {
    const read = file.read((f) => ({
      output: readFileOutput(f),
      amounts: isTextLike(f) ? findFigures(decodeText(f.bytes)).amounts.slice(0, 3) : [],
    }));
    yield readFileStep(read.output, round());
    for (const amount of read.amounts) {
      figures.push(`${formatMoney(amount.value, amount.currency)} (${file.name})`);
    }
  }

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
      ...(figures.length > 0 ? ['', `Figures from your files: ${figures.join('; ')}.`] : []),
    ].join('\n'),
    durationMs: 2_000,
  };
};
