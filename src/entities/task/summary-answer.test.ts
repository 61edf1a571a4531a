import { describe, expect, it } from 'vitest';
import { readSummary } from './summary-answer';

const task = { task_id: 't', status: 'completed' };

describe('readSummary', () => {
  it('reads the narrowed task_complete result and its extracted data', () => {
    expect(
      readSummary({
        ...task,
        result: {
          summary: '# Done',
          completed_at: '2026-05-11T10:16:02Z',
          extracted_data: { total: 1 },
        },
      }),
    ).toEqual({
      answer: '# Done',
      answerData: undefined,
      extractedData: { total: 1 },
      narrowed: false,
    });
    expect(readSummary({ ...task, result: { summary: 'Done', completed_at: 'x' } }).narrowed).toBe(
      true,
    );
  });

  it('reads the whole task_complete result: structuredContent, MCP text blocks', () => {
    expect(
      readSummary({
        ...task,
        result: {
          content: [{ type: 'text', text: 'From blocks' }],
          structuredContent: { extracted_data: [{ a: 1 }] },
        },
      }),
    ).toMatchObject({ answer: 'From blocks', extractedData: [{ a: 1 }] });
    expect(
      readSummary({ ...task, result: { structuredContent: { summary: 'Structured' } } }).answer,
    ).toBe('Structured');
  });

  it('reads a plain string (the last non-transient item) and other field names', () => {
    expect(readSummary({ ...task, result: 'Still working' }).answer).toBe('Still working');
    expect(readSummary({ ...task, answer: { text: 'Nested' } }).answer).toBe('Nested');
    expect(readSummary({ ...task, output: { result: { message: 'Deep' } } }).answer).toBe('Deep');
    expect(readSummary({ ...task, summary: 'Top level' }).answer).toBe('Top level');
  });

  it('shows a result without text as data, and finds extracted data at the top level', () => {
    expect(readSummary({ ...task, result: { rows: 3, extracted_data: { a: 1 } } })).toMatchObject({
      answer: undefined,
      answerData: { rows: 3 },
      extractedData: { a: 1 },
    });
    expect(readSummary({ ...task, result: 'ok', extractedData: [1] }).extractedData).toEqual([1]);
  });

  it('has nothing when the answer is omitted', () => {
    expect(readSummary(task)).toEqual({
      answer: undefined,
      answerData: undefined,
      extractedData: undefined,
      narrowed: false,
    });
  });
});
