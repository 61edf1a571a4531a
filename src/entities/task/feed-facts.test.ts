import { describe, expect, it } from 'vitest';
import { finalExtractedData, lastErrorStep } from './feed-facts';

describe('lastErrorStep', () => {
  it('finds the last error item, in the spellings the trace reads', () => {
    expect(
      lastErrorStep([
        { type: 'message', content: 'Start' },
        { type: 'error', content: 'Page 3 could not be fetched' },
        { type: 'message', content: 'after' },
      ]),
    ).toEqual({ index: 1, message: 'Page 3 could not be fetched' });
    expect(lastErrorStep([{ event: 'ToolFailed', message: 'Timeout' }])).toEqual({
      index: 0,
      message: 'Timeout',
    });
    expect(lastErrorStep([{ name: 'x', error: { message: 'boom' } }, { status: 'ok' }])).toEqual({
      index: 0,
      message: 'boom',
    });
    expect(lastErrorStep([{ type: 'message' }, 'text', null])).toBeUndefined();
  });
});

describe('finalExtractedData', () => {
  it('reads the task_complete step structured content', () => {
    expect(
      finalExtractedData([
        { type: 'message' },
        {
          type: 'task_complete',
          name: 'task_complete',
          result: { structuredContent: { summary: 's', extracted_data: { total: 2 } } },
        },
      ]),
    ).toEqual({ total: 2 });
    expect(finalExtractedData([{ type: 'tool_call', output: { extracted_data: 1 } }])).toBe(
      undefined,
    );
  });
});
