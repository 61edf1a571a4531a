import { describe, expect, it } from 'vitest';
import { QUOTED_LINES, summarizerScript } from './summarizer';
import { binaryFile, context, drive, runInput, textFile } from './test-support';
import type { CompleteStep, ScriptStep } from './types';

function summary(steps: ScriptStep[]): string {
  const last = steps.at(-1) as CompleteStep | undefined;
  if (last?.kind !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(last)}`);
  return last.summary;
}

const REPORT =
  '# Q1 Report\n\nRevenue grew 12.5% to EUR 47,320.75.\n\n## Risks\n\n- Churn\n- Costs\n- Rates\n';

describe('Document Summarizer', () => {
  it('reads each file and quotes how it begins, a section per file', () => {
    const steps = drive(
      summarizerScript,
      runInput('Summarize these', [textFile('q1.md', REPORT), textFile('memo.txt', 'One line.')]),
    );
    expect(steps.map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'message',
      'read_file',
      'read_file',
      'complete',
    ]);
    expect(steps[0]).toMatchObject({
      content: expect.stringContaining('You asked: "Summarize these".') as unknown,
    });
    expect(summary(steps)).toBe(
      [
        '# Summary of 2 files',
        '## q1.md\n\n6 lines, 12 words. It begins:\n\n> # Q1 Report\n> Revenue grew 12.5% to EUR 47,320.75.\n> ## Risks\n> - Churn\n> - Costs\n\n…and 1 more line.',
        '## memo.txt\n\n1 line, 2 words. It begins:\n\n> One line.',
      ].join('\n\n'),
    );
    expect(QUOTED_LINES).toBe(5);
  });

  it('says why a file could not be read instead of guessing', () => {
    const steps = drive(summarizerScript, runInput(null, [binaryFile('scan.pdf', [0x25, 0x50])]));
    expect(summary(steps)).toContain('## scan.pdf\n\nNot read: not text');
  });

  it('quotes a long message when no file is attached, and refuses a short one, quoting it', () => {
    const long = Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ');
    expect(summary(drive(summarizerScript, runInput(long)))).toContain(`> ${long}`);
    const short = drive(summarizerScript, runInput('<img src=x> hello'));
    expect(short).toHaveLength(1);
    expect(summary(short)).toBe(
      'Nothing to summarize: no files were attached, and your message ("<img src=x> hello") is only 3 words. Attach one or more text files (txt, md, csv, json) or paste the text into the message.',
    );
  });

  it('echoes instructions and an output schema it cannot follow', () => {
    const steps = drive(
      summarizerScript,
      runInput('Summarize', [textFile('a.txt', 'x')], {
        instructions: 'In French',
        output_schema: '{"a": "string"}',
      }),
      context(2),
    );
    expect(steps[0]).toMatchObject({
      content: expect.stringMatching(
        /Your instructions: "In French"; .* output schema was given/,
      ) as unknown,
    });
  });
});
