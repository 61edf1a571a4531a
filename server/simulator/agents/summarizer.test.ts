import { describe, expect, it } from 'vitest';
import { digestCsv, digestJson, digestMarkdown } from './file-digest';
import { countWords } from './files';
import { readInstructions } from './instructions';
import { summarizerScript } from './summarizer';
import { binaryFile, drive, runInput, textFile } from './test-support';
import { MEMO_TXT, ORDERS_JSON, REPORT_MD, SALES_CSV } from './test-fixtures';
import type { CompleteStep, ScriptStep } from './types';

function completion(steps: ScriptStep[]): CompleteStep {
  const last = steps[steps.length - 1];
  if (last?.kind !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(last)}`);
  return last;
}

/** The Markdown section of one file, from its heading to the next. */
function section(summary: string, name: string): string {
  const start = summary.indexOf(`## ${name}`);
  if (start < 0) throw new Error(`no section for ${name}`);
  const next = summary.indexOf('\n## ', start + 1);
  return summary.slice(start, next < 0 ? undefined : next);
}

const fileSet = () => [
  textFile('sales.csv', SALES_CSV, 'text/csv'),
  textFile('report.md', REPORT_MD, ''),
  textFile('orders.json', ORDERS_JSON, 'application/json'),
  textFile('memo.txt', MEMO_TXT, 'text/plain'),
];

describe('summarizer on a CSV/MD/JSON/TXT set', () => {
  const steps = drive(summarizerScript, runInput('Summarize these for the board', fileSet()));
  const summary = completion(steps).summary;

  it('reads every file, then writes one section per file', () => {
    expect(
      steps.map((s) =>
        s.kind === 'tool_call' ? `${s.name}:${String(s.arguments.filename)}` : s.kind,
      ),
    ).toEqual([
      'message',
      'read_file:sales.csv',
      'summarize_text:sales.csv',
      'read_file:report.md',
      'summarize_text:report.md',
      'read_file:orders.json',
      'summarize_text:orders.json',
      'read_file:memo.txt',
      'summarize_text:memo.txt',
      'complete',
    ]);
    expect(summary.startsWith('# Summary of 4 files')).toBe(true);
  });

  it('reports real CSV counts and column totals', () => {
    const csv = section(summary, 'sales.csv');
    expect(csv).toContain(
      `CSV table, ${new TextEncoder().encode(SALES_CSV).length} bytes, 5 lines`,
    );
    expect(csv).toContain('**Columns (5):** region, month, units, revenue, notes');
    expect(csv).toContain('4 data rows');
    expect(csv).toContain('units: total 445, min 45, max 200');
    expect(csv).toContain('revenue: total 47,320.75, min 5,120.25, max 20,000');
    expect(csv).not.toContain('month: total');
  });

  it('lists Markdown headings, skipping code blocks, and the figures in the text', () => {
    const md = section(summary, 'report.md');
    expect(md).toContain('**Headings:** # Q1 Report, ## Highlights, ## Risks, ### Next steps');
    expect(md).toContain('1 code block, 1 link');
    expect(md).toContain('amounts 47,320.75 EUR; dates 2026-03-31; percentages 12.5%, 3 percent');
  });

  it('describes JSON structure', () => {
    const json = section(summary, 'orders.json');
    expect(json).toContain('an array of 3 items');
    expect(json).toContain('**Item keys:** id, customer, amount, note');
  });

  it('gives plain text its counts, first lines and figures', () => {
    const txt = section(summary, 'memo.txt');
    expect(txt).toContain('3 lines, 25 words');
    expect(txt).toContain('amounts 2,450.00 USD; dates 2026-05-04');
    expect(txt).toContain('"Memo: the office move is scheduled for 2026-05-04."');
  });

  it('echoes the request in the plan', () => {
    expect(steps[0]).toMatchObject({
      kind: 'message',
      content: expect.stringContaining('"Summarize these for the board"') as unknown,
    });
  });
});

describe('summarizer edge inputs', () => {
  it('acknowledges binary files honestly instead of summarizing them', () => {
    const steps = drive(
      summarizerScript,
      runInput(null, [binaryFile('scan.pdf', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37])]),
    );
    expect(
      steps
        .filter((s) => s.kind === 'tool_call')
        .map((s) => (s.kind === 'tool_call' ? s.name : '')),
    ).toEqual(['read_file']);
    const summary = completion(steps).summary;
    expect(summary).toContain(
      'PDF document, 8 bytes; the simulator cannot read text from binary files',
    );
    expect(summary).toContain('None of the attached files could be read as text');
  });

  it('says there is nothing to summarize for a short message without files', () => {
    const steps = drive(summarizerScript, runInput('Summarize the attached report'));
    expect(steps.map((s) => s.kind)).toEqual(['message', 'complete']);
    expect(completion(steps).summary).toMatch(/^Nothing to summarize/);
  });

  it('summarizes a long message when no file is attached', () => {
    const text = `Quarterly update: revenue reached $1,234,567.00 in Q1, up 8% from last year. ${'Customers renewed at a strong rate across every region. '.repeat(3)}`;
    const summary = completion(drive(summarizerScript, runInput(text))).summary;
    expect(summary).toContain('## your message');
    expect(summary).toContain('1,234,567.00 USD');
    expect(summary).toContain('8%');
  });
});

describe('summarizer instructions', () => {
  it('follows a word limit, keeps every file named, and says it trimmed', () => {
    const steps = drive(
      summarizerScript,
      runInput(null, fileSet(), { instructions: 'Keep it under 60 words.' }),
    );
    const summary = completion(steps).summary;
    const [body, note] = summary.split('\n\n_');
    expect(countWords(body ?? '')).toBeLessThanOrEqual(60);
    for (const name of ['sales.csv', 'report.md', 'orders.json', 'memo.txt'])
      expect(summary).toContain(`## ${name}`);
    expect(note).toContain('within 60 words');
    expect(steps[0]).toMatchObject({
      content: expect.stringContaining('Your instructions: "Keep it under 60 words."') as unknown,
    });
  });

  it('writes prose when asked and admits it cannot change language', () => {
    const steps = drive(
      summarizerScript,
      runInput(null, [textFile('memo.txt', MEMO_TXT)], {
        instructions: 'Write paragraphs, in German please',
      }),
    );
    const summary = completion(steps).summary;
    expect(summary).not.toMatch(/^- /m);
    expect(summary).toContain('What it is: plain-text document');
    expect(summary).toContain('cannot write German');
    expect(steps[0]).toMatchObject({
      content: expect.stringContaining('can only write English') as unknown,
    });
  });

  it('reads instruction variants', () => {
    expect(readInstructions('max 100 words, bullet points')).toMatchObject({
      style: 'bullets',
      wordLimit: 100,
      language: null,
    });
    expect(readInstructions('a 50-word summary')).toMatchObject({ wordLimit: 50 });
    expect(readInstructions('translate into Spanish')).toMatchObject({ language: 'Spanish' });
    expect(readInstructions('be witty').remarks[0]).toMatch(/fixed template/);
    expect(readInstructions(undefined)).toEqual({
      raw: '',
      style: 'bullets',
      wordLimit: null,
      language: null,
      remarks: [],
    });
  });
});

describe('digests', () => {
  it('detects semicolon CSVs with decimal commas', () => {
    const d = digestCsv('item;price\nA;1,50\nB;2,25\n');
    expect(d.delimiter).toBe(';');
    expect(d.numericColumns).toEqual([
      { name: 'price', count: 2, total: 3.75, min: 1.5, max: 2.25 },
    ]);
  });

  it('flags rows with a different number of cells', () => {
    expect(digestCsv('a,b\n1,2\n3\n').irregularRows).toBe(1);
  });

  it('reports invalid JSON and object keys', () => {
    expect(digestJson('{"a": 1,}').valid).toBe(false);
    expect(digestJson('{"a": 1, "b": [2]}')).toEqual({
      valid: true,
      topLevel: 'object',
      keys: ['a', 'b'],
      length: null,
    });
  });

  it('finds setext headings too', () => {
    expect(digestMarkdown('Title\n=====\ntext\n').headings).toEqual([{ level: 1, text: 'Title' }]);
  });
});
