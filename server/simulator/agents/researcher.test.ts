import { describe, expect, it } from 'vitest';
import { RESEARCH_ROUNDS, researchTopic, researcherScript } from './researcher';
import { context, drive, runInput, textFile } from './test-support';

describe('Deep Researcher', () => {
  it('names the topic by the query’s content words', () => {
    expect(researchTopic('Please research the e-bike market in Germany!')).toBe(
      'e-bike market germany',
    );
    expect(researchTopic(null)).toBe('the attached material');
  });

  it('runs long and steady: every round a search, about three and a half virtual minutes', () => {
    const steps = drive(researcherScript, runInput('Research the e-bike market'), context(7));
    const searches = steps.filter(
      (step) => step.kind === 'tool_call' && step.name === 'web_search',
    );
    expect(searches).toHaveLength(RESEARCH_ROUNDS);
    const total = steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
    expect(total).toBeGreaterThan(160_000);
    expect(total).toBeLessThan(280_000);
    expect(steps.at(-1)).toMatchObject({ kind: 'complete' });
  });

  it('reads the attached files first and names them in the notes', () => {
    const steps = drive(
      researcherScript,
      runInput('e-bikes', [textFile('prices.txt', 'Average price: EUR 2,450.00 in 2025.')]),
      context(3),
    );
    expect(steps[1]).toMatchObject({ kind: 'tool_call', name: 'read_file' });
    const last = steps.at(-1);
    expect(last?.kind === 'complete' && last.summary).toContain('Read first: prices.txt.');
  });
});
