import { describe, expect, it } from 'vitest';
import { seedAgents } from './seed';
import { context, drive, runInput, textFile } from './test-support';
import type { AgentScript, Resume, RunInput, SeedAgent } from './types';

const INVOICE_TXT = 'INVOICE\nInvoice Number: INV-1\nTotal: EUR 559.06\n';
const TWO_TOTALS_TXT = `${INVOICE_TXT}Grand total: EUR 605.00\n`;

function agent(key: string): SeedAgent {
  const found = seedAgents().find((a) => a.key === key);
  if (found === undefined) throw new Error(`no seeded agent ${key}`);
  return found;
}

function script(key: string): AgentScript {
  const found = agent(key).script;
  if (found === undefined) throw new Error(`seeded agent ${key} has no script`);
  return found;
}

/** A typical run per agent, with the answers it needs; a fresh input per drive (files are read once). */
const RUNS: Record<string, { input: () => RunInput; resumes: Resume[] }> = {
  summarizer: {
    input: () => runInput('Summarize', [textFile('march.txt', INVOICE_TXT)]),
    resumes: [],
  },
  invoice: {
    input: () => runInput(null, [textFile('march.txt', TWO_TOTALS_TXT)]),
    resumes: [{ kind: 'answer', text: 'second' }],
  },
  reviewer: {
    input: () => runInput('Email ann@example.com about the renewal'),
    resumes: [{ kind: 'review', approved: true, note: null }],
  },
  failing: { input: () => runInput('Sync'), resumes: [] },
  researcher: { input: () => runInput('Research the e-bike market'), resumes: [] },
  'long-trace': { input: () => runInput('topic'), resumes: [] },
};

describe('seedAgents', () => {
  const agents = seedAgents();

  it('seeds the seven agents with fixed keys and names', () => {
    expect(agents.map((a) => [a.key, a.name])).toEqual([
      ['summarizer', 'Document Summarizer'],
      ['invoice', 'Invoice Extractor'],
      ['reviewer', 'Outreach Reviewer'],
      ['failing', 'Ledger Sync'],
      ['researcher', 'Deep Researcher'],
      ['long-trace', 'Trace Stress Test'],
      ['legacy', 'Legacy Classifier'],
    ]);
  });

  it('gives the summarizer three versions and the legacy classifier an inactive one, without a script', () => {
    expect(
      agent('summarizer').versions.map((v) => [v.version_number, v.status, v.is_active]),
    ).toEqual([
      [1, 'archived', true],
      [2, 'published', true],
      [3, 'draft', true],
    ]);
    expect(agent('legacy').versions).toEqual([
      expect.objectContaining({ status: 'published', is_active: false }),
    ]);
    // Never runnable (403 before any script), so it alone has none.
    expect(
      seedAgents()
        .filter((a) => a.script === undefined)
        .map((a) => a.key),
    ).toEqual(['legacy']);
    for (const key of ['invoice', 'reviewer', 'failing', 'long-trace']) {
      expect(agent(key).versions).toEqual([
        expect.objectContaining({ version_number: 1, status: 'published', is_active: true }),
      ]);
    }
  });

  it('has distinct ages, distinct prompts per summarizer version, and tools in config', () => {
    const ages = agents.flatMap((a) => a.versions.map((v) => v.created_minutes_ago));
    expect(new Set(ages).size).toBe(ages.length);
    expect(new Set(agent('summarizer').versions.map((v) => v.system_prompt)).size).toBe(3);
    for (const a of agents) {
      expect(a.config).toMatchObject({
        model: expect.any(String) as unknown,
        tools: expect.any(Array) as unknown,
      });
      for (const v of a.versions) expect(v.system_prompt.length).toBeGreaterThan(50);
    }
  });

  it('returns fresh objects on every call', () => {
    const a = seedAgents();
    (a[0]?.versions[0] as { system_prompt: string }).system_prompt = 'changed';
    expect(seedAgents()[0]?.versions[0]?.system_prompt).not.toBe('changed');
  });
});

describe('every script', () => {
  it.each(Object.keys(RUNS))('%s ends with complete or fail, paced as it says', (key) => {
    const run = RUNS[key];
    if (run === undefined) throw new Error(key);
    const steps = drive(script(key), run.input(), context(11, 50), run.resumes);
    expect(['complete', 'fail']).toContain(steps.at(-1)?.kind);
    // The long trace lands most steps at once; the researcher is slow on purpose (its own test).
    if (key !== 'long-trace' && key !== 'researcher') {
      for (const s of steps) {
        expect(s.durationMs).toBeGreaterThanOrEqual(300);
        expect(s.durationMs).toBeLessThanOrEqual(1500);
      }
    }
  });

  it.each(Object.keys(RUNS))(
    '%s is deterministic: same seed, same steps; other seed, other pacing',
    (key) => {
      const run = RUNS[key];
      if (run === undefined) throw new Error(key);
      const a = drive(script(key), run.input(), context(42, 1200), run.resumes);
      const b = drive(script(key), run.input(), context(42, 1200), run.resumes);
      const c = drive(script(key), run.input(), context(43, 1200), run.resumes);
      expect(b).toEqual(a);
      expect(c.map((s) => s.durationMs)).not.toEqual(a.map((s) => s.durationMs));
    },
  );
});
